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

  it('refuses bad secrets without printing them', async () => {
    const secrets = {
      TQB_SECRET_KEY: 'c2hvcnQtYnV0LXNlY3JldC1rZXk=',
      TQB_EMULATOR_AUTH_TOKEN: 'zz' + 'f'.repeat(30),
      TQB_SETUP_TOKEN: 'hunter2',
    };
    const proc = spawnServer(secrets);
    expect(await proc.exited).toBe(1);
    const output = proc.output();
    for (const name of Object.keys(secrets)) expect(output).toContain(name);
    expect(output).toMatch(/decode to 20 bytes/);
    for (const value of Object.values(secrets)) expect(output).not.toContain(value);
  });

  it('creates DATA_DIR, serves, and stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-start-')),
      'nested',
      'data',
    );
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
      fs.rmSync(path.resolve(dataDir, '../..'), { recursive: true, force: true });
    }
  });

  it('removes the DATA_DIR it made once the server exits, unless asked to keep it', async () => {
    const server = await startServer();
    expect(fs.existsSync(path.join(server.dataDir, 'app.db'))).toBe(true);
    expect(server.dataDir.startsWith(os.tmpdir())).toBe(true);
    expect(await server.stop()).toBe(0);
    expect(fs.existsSync(server.dataDir)).toBe(false);

    // A server that refuses to start leaves nothing behind either.
    const refused = spawnServer({ PORT: 'eighty' });
    expect(await refused.exited).toBe(1);
    expect(fs.existsSync(refused.dataDir)).toBe(false);

    const kept = await startServer({}, { keepDataDir: true });
    try {
      expect(await kept.stop()).toBe(0);
      expect(fs.existsSync(path.join(kept.dataDir, 'app.db'))).toBe(true);
    } finally {
      fs.rmSync(kept.dataDir, { recursive: true, force: true });
    }
  });
});
