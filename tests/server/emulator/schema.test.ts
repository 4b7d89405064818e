import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../../server/emulator/app';
import { openDatabase } from '../../../server/store/db';

// A database file written by a newer version of the app holds a schema this code does not know:
// writing to it could lose what the newer version keeps. Both stores refuse to open it, saying why.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-schema-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function schemaVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

function setSchemaVersion(file: string, version: number): void {
  const db = new Database(file);
  db.pragma(`user_version = ${version}`);
  db.close();
}

const emulatorAt = (emulatorDir: string) =>
  createEmulator({ dir: emulatorDir, logger: pino({ level: 'silent' }), timer: false });

describe('the emulator database', () => {
  it('reopens a database it wrote, keeping its data', async () => {
    const emulatorDir = path.join(dir, 'emulator');
    const first = emulatorAt(emulatorDir);
    const numbers = first.info().phoneNumbers;
    await first.close();
    const second = emulatorAt(emulatorDir);
    try {
      expect(second.info().phoneNumbers).toEqual(numbers);
    } finally {
      await second.close();
    }
  });

  it('refuses to open a database with a newer schema, naming the file', async () => {
    const emulatorDir = path.join(dir, 'emulator');
    const file = path.join(emulatorDir, 'emulator.db');
    await emulatorAt(emulatorDir).close();
    const current = schemaVersion(file);
    expect(current).toBeGreaterThan(0);
    setSchemaVersion(file, current + 1);

    expect(() => emulatorAt(emulatorDir)).toThrow(
      `${file} was written by a newer version of Twilio Query Builder (schema ${current + 1}); upgrade the app.`,
    );
    // Nothing was written to it.
    expect(schemaVersion(file)).toBe(current + 1);
  });
});

describe('the app database', () => {
  it('refuses to open a database with a newer schema, naming the file', () => {
    const file = path.join(dir, 'app.db');
    openDatabase(file).close();
    const current = schemaVersion(file);
    setSchemaVersion(file, current + 1);
    expect(() => openDatabase(file)).toThrow(
      `${file} was written by a newer version of Twilio Query Builder (schema ${current + 1}); upgrade the app.`,
    );
  });
});
