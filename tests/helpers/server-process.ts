import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Runs the real server entry point (`server/index.ts`, as `npm start` does after building) on a
// free loopback port with a fresh DATA_DIR.

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

export function spawnServer(env: Record<string, string>) {
  const child = spawn(path.join(projectRoot, 'node_modules/.bin/tsx'), ['server/index.ts'], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-server-'));
  const port = Number(env.PORT ?? (await freePort()));
  const proc = spawnServer({ ...env, DATA_DIR: dataDir, PORT: String(port) });
  let exitedEarly = false;
  void proc.exited.then(() => (exitedEarly = true));
  await waitFor(() => {
    if (exitedEarly) throw new Error(`server exited during start-up:\n${proc.output()}`);
    return proc.output().includes('listening');
  });
  return {
    ...proc,
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    async stop() {
      if (proc.child.exitCode === null) proc.child.kill('SIGTERM');
      return proc.exited;
    },
  };
}
