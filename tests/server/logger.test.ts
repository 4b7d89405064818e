import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, waitFor } from '../helpers/server-process';

// The server's log goes to standard output in batches (server/logger.ts). A batch must not hold
// a line for long, and nothing may be lost when the process ends: on process.exit, on a crash.

function run(code: string) {
  const logger = path.join(projectRoot, 'server/logger.ts');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { createLogger } from ${JSON.stringify(logger)};\n${code}`,
    ],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = () =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { msg: string; level: number; authToken?: string });
  return { child, exited, lines };
}

describe('the server log', () => {
  it('writes every line, censored, before process.exit ends the process', async () => {
    const proc = run(`const log = createLogger('info');
      for (let i = 0; i < 500; i++) log.info({ i, authToken: 'secret-token' }, 'line ' + i);
      log.info('stopped');
      process.exit(0);`);
    expect(await proc.exited).toBe(0);
    const lines = proc.lines();
    expect(lines).toHaveLength(501);
    expect(lines.at(-1)!.msg).toBe('stopped');
    expect(lines.every((l) => l.authToken === undefined || l.authToken === '[redacted]')).toBe(
      true,
    );
  });

  it('writes a line within a moment while the process carries on', async () => {
    const proc = run(`createLogger('info').info('listening'); setTimeout(() => {}, 10_000);`);
    try {
      await waitFor(() => proc.lines().some((l) => l.msg === 'listening'), 2_000);
    } finally {
      proc.child.kill('SIGKILL');
      await proc.exited;
    }
  });

  it('writes the lines logged before a crash', async () => {
    const proc = run(
      `const log = createLogger('info'); log.info('before'); log.fatal('going down'); setTimeout(() => { throw new Error('boom'); }, 10);`,
    );
    expect(await proc.exited).not.toBe(0);
    expect(proc.lines().map((l) => l.msg)).toEqual(['before', 'going down']);
  });
});
