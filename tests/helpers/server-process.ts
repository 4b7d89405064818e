import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Runs the real server entry point (`server/index.ts`, as `npm start` does after building) on a
// free loopback port with a fresh DATA_DIR. A DATA_DIR the helper made is removed once the server
// process exits (stopped, crashed or refused to start); one the test passed in is the test's to keep.

export const projectRoot = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  dataDir: string;
  exited: Promise<number | null>;
  output(): string;
  stop(): Promise<number | null>;
}

export interface SpawnOptions {
  /**
   * Keep the DATA_DIR the helper made after the server exits, for a test that reads it afterwards;
   * that test then removes `dataDir` itself.
   */
  keepDataDir?: boolean;
}

export function spawnServer(env: Record<string, string>, options: SpawnOptions = {}) {
  // Without a DATA_DIR the server would write ./data in the project.
  const made = env.DATA_DIR === undefined;
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-server-'));
  const child = spawn(path.join(projectRoot, 'node_modules/.bin/tsx'), ['server/index.ts'], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      // tsx exits after the server it runs, so nothing writes to the directory any more.
      if (made && !options.keepDataDir)
        fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
      resolve(code);
    }),
  );
  return { child, exited, dataDir, output: () => output };
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts the server and waits until it listens; stop() ends it and removes the DATA_DIR the helper made. */
export async function startServer(
  env: Record<string, string> = {},
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const proc = spawnServer({ ...env, PORT: String(port) }, options);
  let exitedEarly = false;
  void proc.exited.then(() => (exitedEarly = true));
  try {
    await waitFor(() => {
      if (exitedEarly) throw new Error(`server exited during start-up:\n${proc.output()}`);
      return proc.output().includes('listening');
    });
  } catch (err) {
    // A server that never listened is stopped too, so that its DATA_DIR goes with it.
    if (proc.child.exitCode === null) proc.child.kill('SIGTERM');
    await proc.exited;
    throw err;
  }
  return {
    ...proc,
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (proc.child.exitCode === null) proc.child.kill('SIGTERM');
      return proc.exited;
    },
  };
}
