import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../server/emulator/app';
import { createManualClock, type ManualClock } from '../../server/emulator/clock';
import { loadConfig } from '../../server/env';
import { REDACTED_PATHS } from '../../server/logger';
import { openDatabase, type AppDatabase } from '../../server/store/db';
import { createVault } from '../../server/vault/vault';

// The real app over real HTTP on a loopback port, with the real emulator mounted and reached by
// the relay through the official twilio library; a real SQLite file in a fresh DATA_DIR. Log lines
// are kept so tests can check that no secret is ever written.

export interface RunningApp {
  url: string;
  server: Server;
  api: ReturnType<typeof request>;
  emulator: Emulator;
  clock: ManualClock;
  db: AppDatabase;
  dataDir: string;
  logs: string[];
  close(): Promise<void>;
}

export interface StartAppOptions {
  env?: Record<string, string>;
  emulator?: Partial<EmulatorOptions>;
  /** An existing DATA_DIR (a restart): the caller made it, so the caller removes it. */
  dataDir?: string;
  /**
   * Keep the DATA_DIR the helper made after close(), for a test that reopens or reads it then;
   * that test removes `dataDir` itself (see removeDataDir).
   */
  keepDataDir?: boolean;
  key?: Buffer;
  staticDir?: string;
  /** Replaces the relay's wait between retries (the default waits the jittered backoff). */
  retrySleep?(ms: number): Promise<void>;
}

/** Removes a DATA_DIR a test kept with `keepDataDir`, once nothing has it open. */
export function removeDataDir(dataDir: string): void {
  fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const made = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-app-'));
  const logs: string[] = [];
  const logger = pino(
    { level: 'debug', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const clock = createManualClock(Date.now());
  const emulator = createEmulator({
    dir: path.join(dataDir, 'emulator'),
    logger,
    clock,
    timer: false,
    ...options.emulator,
  });
  const db = openDatabase(path.join(dataDir, 'app.db'));
  const vault = createVault(options.key ?? randomBytes(32));
  let port = 0;
  const app = createApp({
    config: loadConfig({ DATA_DIR: dataDir, ...options.env }),
    logger,
    emulator,
    db,
    vault,
    emulatorBaseUrl: () => `http://127.0.0.1:${port}/emulator`,
    now: () => clock.now(),
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
    ...(options.retrySleep ? { retrySleep: options.retrySleep } : {}),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    api: request(server),
    emulator,
    clock,
    db,
    dataDir,
    logs,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
      db.close();
      // Both databases are closed, so nothing writes to the directory any more.
      if (made && !options.keepDataDir) removeDataDir(dataDir);
    },
  };
}
