import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { newSecret, newSid } from './sid';
import { SID_PATTERNS } from './twilio-rules';

// The emulator's account: its SID and Auth Token, and one Standard API key. They are generated once
// per DATA_DIR and kept in a file only the owner can read; the environment may pin the SID and token.

export interface EmulatorIdentity {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  /** When the emulated account was created, epoch ms. */
  createdAt: number;
}

const identitySchema = z.object({
  accountSid: z.string().regex(SID_PATTERNS.account),
  authToken: z.string().regex(/^[0-9a-f]{32}$/i),
  apiKeySid: z.string().regex(SID_PATTERNS.apiKey),
  apiKeySecret: z.string().min(16),
  createdAt: z.number().int().positive(),
});

export interface IdentityOverrides {
  accountSid?: string | undefined;
  authToken?: string | undefined;
}

/** Loads the identity kept in `dir`, creating it on first use; with `dir` null nothing is kept. */
export function loadOrCreateIdentity(
  dir: string | null,
  overrides: IdentityOverrides = {},
): EmulatorIdentity {
  const file = dir === null ? null : path.join(dir, 'credentials.json');
  let stored: EmulatorIdentity | undefined;
  if (file && fs.existsSync(file)) {
    const parsed = identitySchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new Error(
        `The emulator's credentials file ${file} is damaged; move it away to have a new one generated.`,
      );
    }
    stored = parsed.data;
  }
  const identity: EmulatorIdentity = {
    accountSid: overrides.accountSid ?? stored?.accountSid ?? newSid('AC'),
    authToken: overrides.authToken ?? stored?.authToken ?? newSecret(),
    apiKeySid: stored?.apiKeySid ?? newSid('SK'),
    apiKeySecret: stored?.apiKeySecret ?? newSecret(),
    createdAt: stored?.createdAt ?? Date.now(),
  };
  if (dir && file && JSON.stringify(stored) !== JSON.stringify(identity)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(identity, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  return identity;
}
