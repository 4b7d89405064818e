import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUserCommand } from '../../../server/cli/user-command';
import { openDatabase } from '../../../server/store/db';
import { ADMIN } from '../../helpers/accounts';
import { startApp } from '../../helpers/app';
import { projectRoot } from '../../helpers/server-process';

// `npm run user -- add NAME --role ROLE | passwd NAME | list`, run as a person would: the
// password on standard input, DATA_DIR from the environment, exit code 1 and a clear message on
// a mistake.

function runCli(args: string[], dataDir: string, stdin = '') {
  const child = spawn(
    path.join(projectRoot, 'node_modules/.bin/tsx'),
    ['server/cli/user.ts', ...args],
    {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  child.stdin.end(stdin);
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out, err })),
  );
}

describe('npm run user', () => {
  let dataDir = '';
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('adds the first admin from standard input, which the server then signs in', async () => {
    const added = await runCli(
      ['add', ADMIN.username, '--role', 'admin'],
      dataDir,
      `${ADMIN.password}\nignored\n`,
    );
    expect(added).toMatchObject({ code: 0, out: `Added ${ADMIN.username} (admin).\n` });
    const app = await startApp({ dataDir });
    try {
      await app.api.get('/api/datasources').expect(401);
      await app.api.post('/api/session').send(ADMIN).expect(200);
    } finally {
      await app.close();
    }
  });

  it('adds users of other roles and lists them', async () => {
    expect(
      (await runCli(['add', 'olga', '--role=operator'], dataDir, 'olga-password-123\n')).code,
    ).toBe(0);
    const list = await runCli(['list'], dataDir);
    expect(list.code).toBe(0);
    const lines = list.out.trim().split('\n');
    expect(lines[0]).toMatch(/^USERNAME\s+ROLE\s+STATUS\s+CREATED$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 3))).toEqual([
      [ADMIN.username, 'admin', 'enabled'],
      ['olga', 'operator', 'enabled'],
    ]);
  });

  it('sets a lost password, ending the user’s sessions, and audits as cli', async () => {
    const app = await startApp({ dataDir });
    try {
      const before = await app.api.post('/api/session').send(ADMIN).expect(200);
      const cookie = [before.headers['set-cookie']].flat()[0]!.split(';')[0]!;
      const res = await runCli(['passwd', 'ADA'], dataDir, 'a-new-admin-password\n');
      expect(res).toMatchObject({ code: 0 });
      expect(res.out).toMatch(/Changed the password of ada/);
      await app.api.get('/api/users').set('Cookie', cookie).expect(401);
      const fresh = await app.api
        .post('/api/session')
        .send({ username: ADMIN.username, password: 'a-new-admin-password' })
        .expect(200);
      const events = (
        await app.api
          .get('/api/audit?actor=cli')
          .set('Cookie', [fresh.headers['set-cookie']].flat()[0]!.split(';')[0]!)
          .expect(200)
      ).body.events as { action: string; details: Record<string, unknown> }[];
      expect(events.map((e) => e.action)).toEqual(['user.update', 'user.create', 'user.create']);
      expect(events[0]!.details).toEqual({ username: 'ada', changes: { password: '(changed)' } });
    } finally {
      await app.close();
    }
  });

  it('fails with exit code 1 and a clear message', async () => {
    const cases: [string[], string, RegExp][] = [
      [['passwd', 'nobody'], 'whatever-long-password\n', /No user named nobody/],
      [['add', 'bob', '--role', 'viewer'], 'short\n', /password must be at least 12 characters/],
      [
        ['add', 'OLGA', '--role', 'viewer'],
        'olga-password-123\n',
        /A user named OLGA already exists/,
      ],
      [
        ['add', 'bob', '--role', 'owner'],
        '',
        /role must be one of admin, builder, operator, viewer/,
      ],
      [['add', 'bob'], '', /Give the role with --role/],
      [['add', 'bad name', '--role', 'viewer'], '', /username must be 1 to 64 letters/],
      [['frobnicate'], '', /Unknown command frobnicate/],
      [[], '', /Usage:/],
      [['list', '--all'], '', /Unknown option --all/],
    ];
    const results = await Promise.all(cases.map(([args, stdin]) => runCli(args, dataDir, stdin)));
    for (const [i, [args, , message]] of cases.entries()) {
      const res = results[i]!;
      expect(res.code, args.join(' ')).toBe(1);
      expect(res.err, args.join(' ')).toMatch(message);
      expect(res.out).toBe('');
    }
    const db = openDatabase(path.join(dataDir, 'app.db'));
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  }, 60_000);

  it('parses its arguments', () => {
    expect(parseUserCommand(['add', 'ada', '--role', 'admin'])).toEqual({
      kind: 'add',
      username: 'ada',
      role: 'admin',
    });
    expect(parseUserCommand(['add', '--role', 'viewer', 'vic'])).toEqual({
      kind: 'add',
      username: 'vic',
      role: 'viewer',
    });
    expect(parseUserCommand(['passwd', 'ada'])).toEqual({ kind: 'passwd', username: 'ada' });
    expect(parseUserCommand(['list'])).toEqual({ kind: 'list' });
    expect(() => parseUserCommand(['add', 'a', 'b', '--role', 'admin'])).toThrow(/one username/);
  });
});
