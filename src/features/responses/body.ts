import type { ExecuteResult } from '../../contract/queries';

/**
 * The body Twilio answered. The relay passes a refusal through as `error` rather than `data`, so it
 * is put back in Twilio's own shape (code, message, more_info, status) for the JSON and Raw views.
 */
export function responseBody(result: ExecuteResult): unknown {
  if (result.data !== undefined) return result.data;
  if (!result.ok && result.error) {
    return {
      code: result.error.code,
      message: result.error.message,
      more_info: result.error.moreInfo,
      status: result.status,
    };
  }
  return null;
}

/** Whether the answer has no body at all (204 No Content, for a delete). */
export function hasNoBody(result: ExecuteResult): boolean {
  return result.status === 204 || responseBody(result) === null;
}

// Masked defensively: the relay never sends a secret, but a request view must never show one.
const SECRET_KEY = /authorization|password|auth[-_ ]?token|secret|api[-_ ]?key[-_ ]?secret/i;

export function isSecretKey(name: string): boolean {
  return SECRET_KEY.test(name);
}

export const MASK = '••••••••';

/** The request's params as rows of wire name and values; arrays become several values. */
export function requestRows(
  params: Record<string, unknown>,
): { name: string; values: string[]; masked: boolean }[] {
  return Object.entries(params).map(([name, value]) => {
    const list = Array.isArray(value) ? value : [value];
    const values = list.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))));
    return isSecretKey(name)
      ? { name, values: values.map(() => MASK), masked: true }
      : { name, values, masked: false };
  });
}
