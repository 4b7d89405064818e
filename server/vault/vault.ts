import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Secrets at rest: AES-256-GCM with a fresh 96-bit nonce per value and the owner's id (the
// datasource id) as associated data, so a ciphertext copied onto another row does not decrypt.
// Format: "v1." + base64url(nonce | ciphertext | tag). The version leaves room for a new scheme.

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class VaultError extends Error {
  override name = 'VaultError';
}

export interface Vault {
  encrypt(plaintext: string, associatedData: string): string;
  decrypt(sealed: string, associatedData: string): string;
}

export function createVault(key: Buffer): Vault {
  if (key.length !== 32) throw new VaultError('The secret key must be 32 bytes');
  return {
    encrypt(plaintext, associatedData) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    decrypt(sealed, associatedData) {
      const [version, payload] = sealed.split('.', 2);
      if (version !== VERSION || !payload)
        throw new VaultError(`Unknown secret format ${JSON.stringify(version)}`);
      const raw = Buffer.from(payload, 'base64url');
      if (raw.length < NONCE_BYTES + TAG_BYTES) throw new VaultError('Sealed secret is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new VaultError(
          'A stored secret cannot be decrypted: the secret key changed or the data was altered',
        );
      }
    },
  };
}

/**
 * The key: TQB_SECRET_KEY when given (checked in env.ts), else DATA_DIR/secret.key, generated on
 * first use with mode 0600. Losing the key file makes saved secrets unreadable, so it is never rewritten.
 */
export function loadOrCreateKey(dataDir: string, fromEnv: Buffer | undefined): Buffer {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new VaultError(`${file} does not hold a 32-byte base64 key`);
    return key;
  }
  const key = randomBytes(32);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
