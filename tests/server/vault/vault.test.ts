import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVault, loadOrCreateKey, VaultError } from '../../../server/vault/vault';

// The vault on its own: AES-256-GCM, a fresh nonce per value, the owner's id as associated data,
// a versioned format, and the key file's creation and reuse.

const SECRET = 'b7e4c1d2a3f405162738495a6b7c8d9e';

describe('createVault', () => {
  const key = randomBytes(32);
  const vault = createVault(key);

  it('round-trips a secret under its owner id, in the v1 format, without the secret in clear', () => {
    const sealed = vault.encrypt(SECRET, 'ds_one');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(Buffer.from(sealed.slice(3), 'base64url').includes(Buffer.from(SECRET))).toBe(false);
    // nonce (12) + ciphertext (as long as the text) + tag (16)
    expect(Buffer.from(sealed.slice(3), 'base64url')).toHaveLength(12 + SECRET.length + 16);
    expect(vault.decrypt(sealed, 'ds_one')).toBe(SECRET);
    expect(vault.decrypt(vault.encrypt('', 'ds_one'), 'ds_one')).toBe('');
    expect(vault.decrypt(vault.encrypt('ünïcødé ✓', 'x'), 'x')).toBe('ünïcødé ✓');
  });

  it('uses a different nonce each time, so the same secret never seals the same way', () => {
    const seen = new Set<string>();
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const sealed = vault.encrypt(SECRET, 'ds_one');
      seen.add(sealed);
      nonces.add(Buffer.from(sealed.slice(3), 'base64url').subarray(0, 12).toString('hex'));
      expect(vault.decrypt(sealed, 'ds_one')).toBe(SECRET);
    }
    expect(seen.size).toBe(20);
    expect(nonces.size).toBe(20);
  });

  it('refuses a ciphertext moved to another owner id (AAD mismatch)', () => {
    const sealed = vault.encrypt(SECRET, 'ds_one');
    expect(() => vault.decrypt(sealed, 'ds_two')).toThrow(VaultError);
    expect(() => vault.decrypt(sealed, '')).toThrow(/cannot be decrypted/);
  });

  it('refuses any tampering: a flipped bit in nonce, ciphertext or tag, or a cut payload', () => {
    const sealed = vault.encrypt(SECRET, 'ds_one');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    for (const at of [0, 11, 12, 12 + 5, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[at]! ^= 0x01;
      expect(
        () => vault.decrypt(`v1.${bad.toString('base64url')}`, 'ds_one'),
        `byte ${at}`,
      ).toThrow(VaultError);
    }
    expect(() =>
      vault.decrypt(`v1.${raw.subarray(0, raw.length - 1).toString('base64url')}`, 'ds_one'),
    ).toThrow(VaultError);
    expect(() =>
      vault.decrypt(`v1.${raw.subarray(0, 20).toString('base64url')}`, 'ds_one'),
    ).toThrow(/truncated/);
    expect(() => vault.decrypt('v1.', 'ds_one')).toThrow(VaultError);
  });

  it('refuses an unknown format version or a value that is not sealed at all', () => {
    const sealed = vault.encrypt(SECRET, 'ds_one');
    expect(() => vault.decrypt(sealed.replace(/^v1\./, 'v2.'), 'ds_one')).toThrow(
      /Unknown secret format/,
    );
    expect(() => vault.decrypt(SECRET, 'ds_one')).toThrow(VaultError);
  });

  it('refuses to decrypt with another key', () => {
    const sealed = vault.encrypt(SECRET, 'ds_one');
    const other = createVault(randomBytes(32));
    expect(() => other.decrypt(sealed, 'ds_one')).toThrow(VaultError);
    // The same key bytes in a new vault do decrypt.
    expect(createVault(Buffer.from(key)).decrypt(sealed, 'ds_one')).toBe(SECRET);
  });

  it('accepts only a 32-byte key', () => {
    expect(() => createVault(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => createVault(randomBytes(33))).toThrow(VaultError);
  });
});

describe('loadOrCreateKey', () => {
  const made: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-key-'));
    made.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates DATA_DIR/secret.key with mode 0600 on first use, then reuses it', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const key = loadOrCreateKey(dir, undefined);
    expect(key).toHaveLength(32);
    const file = path.join(dir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64').equals(key)).toBe(true);

    const before = fs.statSync(file).mtimeMs;
    const again = loadOrCreateKey(dir, undefined);
    expect(again.equals(key)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(before);

    // A secret sealed with the first key opens with the reloaded one.
    const sealed = createVault(key).encrypt(SECRET, 'ds_x');
    expect(createVault(again).decrypt(sealed, 'ds_x')).toBe(SECRET);
  });

  it('prefers the key from the environment and then writes no file', () => {
    const dir = tempDir();
    const fromEnv = randomBytes(32);
    expect(loadOrCreateKey(dir, fromEnv)).toBe(fromEnv);
    expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false);
  });

  it('refuses a key file that does not hold 32 bytes, rather than replacing it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'secret.key');
    fs.writeFileSync(file, Buffer.alloc(16).toString('base64'), { mode: 0o600 });
    expect(() => loadOrCreateKey(dir, undefined)).toThrow(/32-byte/);
    expect(fs.readFileSync(file, 'utf8')).toBe(Buffer.alloc(16).toString('base64'));
  });
});
