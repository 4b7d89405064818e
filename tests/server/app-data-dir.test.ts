import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeDataDir, startApp } from '../helpers/app';

// The test helper's temporary DATA_DIR: gone after close(), unless a test asks to keep it to
// restart on it, and never removed when the test brought its own.

describe('startApp DATA_DIR', () => {
  it('removes the DATA_DIR it made on close', async () => {
    const app = await startApp();
    expect(app.dataDir.startsWith(os.tmpdir())).toBe(true);
    expect(fs.existsSync(path.join(app.dataDir, 'app.db'))).toBe(true);
    await app.close();
    expect(fs.existsSync(app.dataDir)).toBe(false);
  });

  it('keeps it with keepDataDir, for a restart on the same data; the test removes it', async () => {
    const first = await startApp({ keepDataDir: true });
    await first.api.put('/api/page').send({ widgets: [] }).expect(200);
    await first.close();
    expect(fs.existsSync(path.join(first.dataDir, 'app.db'))).toBe(true);
    const second = await startApp({ dataDir: first.dataDir });
    try {
      expect((await second.api.get('/api/page').expect(200)).body.updatedAt).not.toBeNull();
    } finally {
      await second.close();
    }
    // A DATA_DIR the test passed in belongs to the test.
    expect(fs.existsSync(path.join(first.dataDir, 'app.db'))).toBe(true);
    removeDataDir(first.dataDir);
    expect(fs.existsSync(first.dataDir)).toBe(false);
  });
});
