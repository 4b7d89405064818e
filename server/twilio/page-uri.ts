import { parseAddress } from '../../src/contract/addresses';

// A next_page_uri from an earlier List Message answer, accepted only as a Messages.json path of
// the given account with Twilio's own list parameters, and rebuilt from its parsed parts so that
// nothing the caller typed becomes part of a path unchecked.

const isDate = (v: string) =>
  v.length <= 40 && !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v));

// A Map, not an object: a key such as `__proto__`, `constructor` or `valueOf` must be unknown,
// never something an object inherits.
const ALLOWED = new Map<string, (v: string) => boolean>(
  Object.entries({
    To: (v) => parseAddress(v) !== null,
    From: (v) => parseAddress(v) !== null,
    DateSent: isDate,
    'DateSent<': isDate,
    'DateSent>': isDate,
    PageSize: (v) => /^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 1000,
    Page: (v) => /^\d{1,9}$/.test(v),
    PageToken: (v: string) => /^[A-Za-z0-9_.~-]{1,200}$/.test(v),
  }),
);

export type PageUriCheck = { ok: true; uri: string } | { ok: false; message: string };

export function checkPageUri(raw: string, accountSid: string): PageUriCheck {
  const expectedPath = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const fail = (message: string): PageUriCheck => ({ ok: false, message });
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) {
    return fail(
      `pageUri must be a next_page_uri from a List Message answer, starting with ${expectedPath}`,
    );
  }
  let url: URL;
  try {
    url = new URL(raw, 'http://relay.invalid');
  } catch {
    return fail('pageUri is not a valid URI');
  }
  if (url.pathname !== expectedPath) {
    return fail(`pageUri must point at ${expectedPath} (the Messages list of this account)`);
  }
  const out = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    const check = ALLOWED.get(key);
    if (!check) return fail(`pageUri has a parameter List Message does not use: ${key}`);
    if (!check(value)) return fail(`pageUri has an invalid ${key}: ${value}`);
    out.append(key, value);
  }
  const query = out.toString();
  return { ok: true, uri: query ? `${expectedPath}?${query}` : expectedPath };
}
