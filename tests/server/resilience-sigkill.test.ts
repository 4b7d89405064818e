import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, projectRoot, startServer, waitFor } from '../helpers/server-process';

// Killing the real server with SIGKILL in the middle of a burst of writes loses no write it had
// acknowledged, and leaves both SQLite files intact (integrity_check ok) for the next start on
// the same DATA_DIR.

const WORKERS = 8;

/**
 * The server run by node itself (with tsx as a loader), so that the process SIGKILL hits is the
 * server: the `tsx` command used by startServer is a wrapper that passes SIGTERM on to its child
 * but cannot pass on a SIGKILL.
 */
async function startKillableServer(dataDir: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'info', DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${output}`);
    return output.includes('listening');
  });
  return { child, exited, url: `http://127.0.0.1:${port}`, output: () => output };
}

let onCut = () => {};

async function call(
  server: { url: string },
  method: string,
  p: string,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads the API's JSON by key
): Promise<{ status: number; body: any } | null> {
  try {
    const res = await fetch(`${server.url}${p}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  } catch {
    onCut();
    return null; // the server died under this request: not acknowledged
  }
}

function integrity(file: string): { check: string; foreignKeys: unknown[] } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      check: db.pragma('integrity_check', { simple: true }) as string,
      foreignKeys: db.pragma('foreign_key_check') as unknown[],
    };
  } finally {
    db.close();
  }
}

describe('a SIGKILL during a burst of writes', () => {
  it('keeps every acknowledged write and an intact database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-sigkill-'));
    const first = await startKillableServer(dataDir);
    const seeded = ((await call(first, 'GET', '/api/datasources'))!.body as { id: string }[])[0]!
      .id;

    const datasources = new Map<string, string>(); // id -> name, acknowledged with 201
    const queries = new Map<string, { name: string; body: string }>(); // id -> what the last acknowledged write said
    let acknowledged = 0;
    let cut = 0; // requests the kill cut off: proof that it landed mid-burst
    let dead = false;

    const worker = async (w: number) => {
      for (let i = 0; !dead; i++) {
        const name = `w${w}-${i}`;
        const ds = await call(first, 'POST', '/api/datasources', {
          name: `ds ${name}`,
          target: 'emulator',
        });
        if (!ds) return;
        if (ds.status === 201) {
          datasources.set(ds.body.id, ds.body.name);
          acknowledged++;
        }
        const q = await call(first, 'POST', '/api/queries', {
          name: `q_${name.replace('-', '_')}`,
          datasourceId: seeded,
          command: 'create-message',
          params: { body: 'v1' },
        });
        if (!q) return;
        if (q.status === 201) {
          queries.set(q.body.id, { name: q.body.name, body: 'v1' });
          acknowledged++;
          const patched = await call(first, 'PATCH', `/api/queries/${q.body.id}`, {
            params: { body: 'v2' },
          });
          if (!patched) return;
          if (patched.status === 200) {
            queries.set(q.body.id, { name: q.body.name, body: 'v2' });
            acknowledged++;
          }
        }
      }
    };
    onCut = () => (cut += 1);
    const running = Array.from({ length: WORKERS }, (_, w) => worker(w));
    await waitFor(() => acknowledged >= 150, 15_000);
    first.child.kill('SIGKILL');
    dead = true;
    expect(await first.exited).toBe('SIGKILL');
    await Promise.all(running);
    expect(cut).toBeGreaterThan(0);
    expect(await call(first, 'GET', '/api/health')).toBeNull(); // nothing answers any more
    expect(first.output()).not.toContain('stopped'); // no graceful shutdown ran
    // As the kill left it (WAL not checkpointed), before a new start has touched it.
    expect(integrity(path.join(dataDir, 'app.db'))).toEqual({ check: 'ok', foreignKeys: [] });

    const second = await startServer({ DATA_DIR: dataDir });
    try {
      const savedDs = new Map(
        (
          (await call(second, 'GET', '/api/datasources'))!.body as { id: string; name: string }[]
        ).map((d) => [d.id, d.name]),
      );
      const savedQ = new Map(
        (
          (await call(second, 'GET', '/api/queries'))!.body as {
            id: string;
            name: string;
            params: { body?: string };
          }[]
        ).map((q) => [q.id, q]),
      );
      expect(datasources.size).toBeGreaterThan(20);
      for (const [id, name] of datasources)
        expect(savedDs.get(id), `datasource ${name}`).toBe(name);
      for (const [id, q] of queries) {
        const saved = savedQ.get(id);
        expect(saved?.name, `query ${q.name}`).toBe(q.name);
        // A PATCH that was in flight may or may not have landed; one that was acknowledged has.
        if (q.body === 'v2') expect(saved?.params.body, `query ${q.name}`).toBe('v2');
      }
      // The restarted server takes writes again.
      expect(
        (await call(second, 'POST', '/api/datasources', {
          name: 'after restart',
          target: 'emulator',
        }))!.status,
      ).toBe(201);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    for (const file of [
      path.join(dataDir, 'app.db'),
      path.join(dataDir, 'emulator', 'emulator.db'),
    ]) {
      expect(integrity(file), file).toEqual({ check: 'ok', foreignKeys: [] });
    }
    fs.rmSync(dataDir, { recursive: true, force: true }); // kept when a check fails, to look at
  }, 60_000);
});
