import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { EmulatorIdentity } from './identity';

// Twilio's wire format: form-encoded bodies and query strings whose repeated keys are arrays
// (MediaUrl=a&MediaUrl=b), spaces as %20 or +. Only a form body is read; any other body leaves
// the parameters empty, so a JSON create fails the way Twilio's does (21604, To required).

export class Params {
  constructor(private readonly values: Map<string, string[]>) {}

  static parse(text: string): Params {
    const values = new Map<string, string[]>();
    for (const [key, value] of new URLSearchParams(text)) {
      const list = values.get(key);
      if (list) list.push(value);
      else values.set(key, [value]);
    }
    return new Params(values);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The first value of a parameter, or undefined when it was not sent. */
  get(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  /** The value, treating an empty one as not sent (as Twilio does for optional fields). */
  nonEmpty(name: string): string | undefined {
    const value = this.get(name);
    return value === undefined || value === '' ? undefined : value;
  }

  all(name: string): string[] {
    return this.values.get(name) ?? [];
  }
}

export function queryParams(req: Request): Params {
  const q = req.originalUrl.indexOf('?');
  return Params.parse(q === -1 ? '' : req.originalUrl.slice(q + 1));
}

export function bodyParams(req: Request): Params {
  return Params.parse(typeof req.body === 'string' ? req.body : '');
}

export type Principal = 'account' | 'api-key';

function sameSecret(a: string, b: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Checks HTTP Basic credentials against the account and its API key; null when they fail. */
export function authenticate(
  header: string | undefined,
  identity: EmulatorIdentity,
): Principal | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  const user = decoded.slice(0, colon);
  const pass = decoded.slice(colon + 1);
  const accountOk = sameSecret(user, identity.accountSid) && sameSecret(pass, identity.authToken);
  const keyOk = sameSecret(user, identity.apiKeySid) && sameSecret(pass, identity.apiKeySecret);
  if (accountOk) return 'account';
  if (keyOk) return 'api-key';
  return null;
}

/** The request's path as Twilio would name it (without any mount prefix such as /emulator). */
export function twilioPath(req: Request): string {
  const path = req.originalUrl.split('?')[0] ?? '';
  const at = path.indexOf('/2010-04-01');
  return at === -1 ? req.path : path.slice(at);
}
