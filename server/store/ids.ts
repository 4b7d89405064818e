import { randomBytes } from 'node:crypto';

/** Short, URL-safe, unguessable ids such as ds_Xk3v9aQp2LmN. */
export function newId(prefix: 'ds' | 'q' | 'u'): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}
