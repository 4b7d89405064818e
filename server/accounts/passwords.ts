import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// Passwords are kept as argon2id hashes with OWASP's parameters (19 MiB, 2 passes, 1 lane), which
// are also the library's defaults; verify compares in constant time.

// Algorithm is a const enum, which isolated modules cannot read; 2 is its Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A hash that does not parse matches nothing.
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Verifies against a hash of nothing anyone knows, so that a sign-in for an unknown user takes
 * as long as one for a known user with a wrong password.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(await dummy, password);
  return false;
}
