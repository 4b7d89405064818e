import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nonPublicReason } from '../../../server/emulator/callback-target';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';

// Status callbacks go to public addresses only, unless TQB_EMULATOR_CALLBACKS_ALLOW_PRIVATE=1:
// a loopback receiver, the cloud metadata address and a name that resolves to loopback are
// refused (logged without the URL's credentials, kept in the message's callback history) and never
// receive a request.

const STEP = 1000;

describe('which addresses are public', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::127.0.0.1',
  ])('refuses %s', (address) => {
    expect(nonPublicReason(address)).toMatch(/not a public address/);
  });
  it.each(['8.8.8.8', '172.32.0.1', '54.172.60.0', '::ffff:808:808', '2600:1f18::1'])(
    'allows %s',
    (address) => {
      expect(nonPublicReason(address)).toBeNull();
    },
  );
});

describe('status callbacks to addresses that are not public', () => {
  let server: http.Server;
  let port = 0;
  let hits: string[] = [];
  let logs: string[] = [];
  let emu: RunningEmulator;

  const logger = () =>
    pino(
      { level: 'warn' },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          logs.push(chunk.toString());
          done();
        },
      }),
    );

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      req.resume();
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  afterEach(async () => {
    hits = [];
    logs = [];
    await emu.close();
  });

  async function sendAndAdvance(statusCallback: string): Promise<string> {
    const from = emu.emulator.info().phoneNumbers[0]!;
    const msg = await emu
      .client()
      .messages.create({ to: '+14155550720', from, body: 'cb', statusCallback });
    emu.clock.advance(10 * STEP);
    emu.emulator.tick();
    await emu.emulator.drainCallbacks();
    return msg.sid;
  }

  async function historyOf(sid: string) {
    const res = await fetch(
      `${emu.baseUrl}/2010-04-01/Accounts/${emu.accountSid}/Messages/${sid}/StatusCallbacks.json`,
      {
        headers: {
          Authorization: `Basic ${Buffer.from(`${emu.accountSid}:${emu.authToken}`).toString('base64')}`,
        },
      },
    );
    expect(res.status).toBe(200);
    return (
      (await res.json()) as {
        callbacks: { at: string; url: string; status: string; outcome: string; reason: string }[];
      }
    ).callbacks;
  }

  it.each([
    [
      'a loopback address',
      () => `http://user:secret@127.0.0.1:${port}/cb`,
      /127\.0\.0\.1 is not a public/,
    ],
    [
      'the cloud metadata address',
      () => 'http://169.254.169.254/latest/meta-data',
      /169\.254\.169\.254/,
    ],
    [
      'a name that resolves to loopback',
      () => `http://localhost:${port}/cb`,
      /localhost resolves to .* not a public/,
    ],
  ])('refuses %s, logs it and keeps it in the history', async (_name, target, reason) => {
    emu = await startEmulator({ stepMs: STEP, logger: logger() });
    const sid = await sendAndAdvance(target());
    expect(hits).toEqual([]);
    const history = await historyOf(sid);
    expect(history.map((h) => h.status).sort()).toEqual(['delivered', 'sending', 'sent']);
    for (const h of history) {
      expect(h).toMatchObject({ outcome: 'refused' });
      expect(h.reason).toMatch(reason);
      expect(h.reason).toMatch(/TQB_EMULATOR_CALLBACKS_ALLOW_PRIVATE/);
      expect(h.url).not.toContain('secret');
      expect(new Date(h.at).getTime()).not.toBeNaN();
    }
    const refusals = logs.filter((l) => l.includes('status callback refused'));
    expect(refusals).toHaveLength(3);
    for (const line of refusals) expect(line).not.toContain('secret');
  });

  it('posts to them, and records the delivery, with TQB_EMULATOR_CALLBACKS_ALLOW_PRIVATE', async () => {
    emu = await startEmulator({ stepMs: STEP, logger: logger(), callbacksAllowPrivate: true });
    const sid = await sendAndAdvance(`http://localhost:${port}/cb`);
    expect(hits).toEqual(['/cb', '/cb', '/cb']);
    const history = await historyOf(sid);
    // Sent side by side, they are recorded as they finish.
    expect(history.map((h) => [h.status, h.outcome, h.reason]).sort()).toEqual([
      ['delivered', 'delivered', null],
      ['sending', 'delivered', null],
      ['sent', 'delivered', null],
    ]);
    expect(history[0]!.url).toBe(`http://localhost:${port}/cb`);
  });
});
