import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnServer, startServer } from '../helpers/server-process';

// The real entry point, as `npm start` runs it: configuration errors, DATA_DIR creation, and a
// graceful stop on SIGTERM.

describe('server start-up', () => {
  it('refuses a bad variable with a message that names it', async () => {
    const proc = spawnServer({ PORT: 'eighty' });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/PORT must be a whole number/);
  });

  it('creates DATA_DIR, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-start-')), 'nested', 'data');
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      const res = await fetch(`${server.url}/api/health`);
      expect(await res.json()).toEqual({ status: 'ok' });
      const credentials = path.join(dataDir, 'emulator', 'credentials.json');
      expect(fs.statSync(credentials).mode & 0o777).toBe(0o600);
      expect(fs.existsSync(path.join(dataDir, 'emulator', 'emulator.db'))).toBe(true);
      expect(await server.stop()).toBe(0);
      expect(server.output()).toContain('stopped');
      // The token is generated once and kept: a second start reuses it.
      const first = JSON.parse(fs.readFileSync(credentials, 'utf8'));
      const again = await startServer({ DATA_DIR: dataDir });
      expect(await again.stop()).toBe(0);
      expect(JSON.parse(fs.readFileSync(credentials, 'utf8'))).toEqual(first);
      expect(server.output() + again.output()).not.toContain(first.authToken);
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});
