import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';
import { accountUrl, expectErrorBody, rawRequest } from '../../helpers/twilio-assert';

// List filters To, From, DateSent, DateSent< and DateSent> (whole GMT days, inclusive), alone,
// combined, and carried through every page.

const STEP = 1000;
const day = (d: number, h = 12, m = 0, s = 0) => Date.UTC(2030, 0, d, h, m, s);
const date = (d: number) => new Date(Date.UTC(2030, 0, d));

interface Sent {
  sid: string;
  to: string;
  from: string;
  /** The GMT day of the month it was sent on. */
  sentDay: number;
}

describe('list filters', () => {
  let emu: RunningEmulator;
  let a: string;
  let b: string;
  const sent: Sent[] = [];
  let unsentSid: string;
  const ALICE = '+14155550401';
  const BOB = '+14155550402';

  /** Expected SIDs, newest first. */
  const expected = (keep: (s: Sent) => boolean) =>
    sent
      .filter(keep)
      .map((s) => s.sid)
      .reverse();

  beforeAll(async () => {
    emu = await startEmulator({ stepMs: STEP });
    [a, b] = emu.emulator.info().phoneNumbers as [string, string];
    const client = emu.client();
    // Three messages a day on January 14-18, alternating recipients and senders.
    for (let d = 14; d <= 18; d++) {
      for (let i = 0; i < 3; i++) {
        emu.clock.set(day(d, 9 + i));
        const to = i % 2 === 0 ? ALICE : BOB;
        const from = (d + i) % 2 === 0 ? a : b;
        const m = await client.messages.create({ to, from, body: `${d}/${i}` });
        sent.push({ sid: m.sid, to, from, sentDay: d });
      }
    }
    // Created one second before midnight on the 18th, sent on the 19th: the day is the day it was sent.
    emu.clock.set(day(18, 23, 59, 59));
    const m = await client.messages.create({ to: ALICE, from: a, body: 'midnight' });
    sent.push({ sid: m.sid, to: ALICE, from: a, sentDay: 19 });
    emu.clock.set(day(19, 8));
    // One still queued: no date_sent, so date filters leave it out.
    unsentSid = (await client.messages.create({ to: BOB, from: b, body: 'queued' })).sid;
  });
  afterAll(() => emu.close());

  it('lists everything, the unsent message first, without filters', async () => {
    const all = await emu.client().messages.list({ pageSize: 4 });
    expect(all.map((m) => m.sid)).toEqual([unsentSid, ...expected(() => true)]);
  });

  it('filters by To', async () => {
    const listed = await emu.client().messages.list({ to: ALICE, pageSize: 2 });
    expect(listed.map((m) => m.sid)).toEqual(expected((s) => s.to === ALICE));
    expect(listed.every((m) => m.to === ALICE)).toBe(true);
  });

  it('filters by From', async () => {
    const listed = await emu.client().messages.list({ from: a, pageSize: 3 });
    expect(listed.map((m) => m.sid)).toEqual(expected((s) => s.from === a));
  });

  it('combines To and From', async () => {
    const listed = await emu.client().messages.list({ to: BOB, from: b, pageSize: 1 });
    expect(listed.map((m) => m.sid)).toEqual([
      unsentSid,
      ...expected((s) => s.to === BOB && s.from === b),
    ]);
  });

  it('filters by DateSent (one GMT day)', async () => {
    const listed = await emu.client().messages.list({ dateSent: date(16), pageSize: 2 });
    expect(listed.map((m) => m.sid)).toEqual(expected((s) => s.sentDay === 16));
    expect(listed).toHaveLength(3);
  });

  it('counts a message by the day it was sent, not created', async () => {
    const on18 = await emu.client().messages.list({ dateSent: date(18) });
    const on19 = await emu.client().messages.list({ dateSent: date(19) });
    expect(on18).toHaveLength(3);
    expect(on19.map((m) => m.body)).toEqual(['midnight']);
  });

  it('filters by DateSent< (on or before)', async () => {
    const listed = await emu.client().messages.list({ dateSentBefore: date(15), pageSize: 2 });
    expect(listed.map((m) => m.sid)).toEqual(expected((s) => s.sentDay <= 15));
    expect(listed).toHaveLength(6);
  });

  it('filters by DateSent> (on or after)', async () => {
    const listed = await emu.client().messages.list({ dateSentAfter: date(17), pageSize: 2 });
    expect(listed.map((m) => m.sid)).toEqual(expected((s) => s.sentDay >= 17));
    expect(listed).toHaveLength(7);
  });

  it('combines DateSent> and DateSent< into a range', async () => {
    const listed = await emu
      .client()
      .messages.list({ dateSentAfter: date(15), dateSentBefore: date(17), pageSize: 4 });
    expect(listed.map((m) => m.sid)).toEqual(expected((s) => s.sentDay >= 15 && s.sentDay <= 17));
    const empty = await emu
      .client()
      .messages.list({ dateSentAfter: date(17), dateSentBefore: date(15) });
    expect(empty).toEqual([]);
  });

  it('combines date and address filters', async () => {
    const listed = await emu
      .client()
      .messages.list({ to: ALICE, dateSentAfter: date(16), pageSize: 1 });
    expect(listed.map((m) => m.sid)).toEqual(expected((s) => s.to === ALICE && s.sentDay >= 16));
  });

  it('uses the time-of-day part of a date only to pick the day', async () => {
    const listed = await emu.client().messages.list({ dateSent: new Date(day(16, 23, 30)) });
    expect(listed.map((m) => m.sid)).toEqual(expected((s) => s.sentDay === 16));
  });

  it('accepts date-only values on the wire and repeats filters in next_page_uri', async () => {
    const first = await rawRequest(
      emu,
      `${accountUrl(emu)}/Messages.json?To=%2B14155550401&DateSent%3E=2030-01-15&PageSize=2`,
    );
    expect(first.status).toBe(200);
    const env = first.body as {
      next_page_uri: string;
      uri: string;
      first_page_uri: string;
      messages: { sid: string }[];
    };
    expect(env.uri).toContain('To=%2B14155550401&DateSent%3E=2030-01-15&PageSize=2&Page=0');
    expect(env.first_page_uri).toBe(env.uri);
    expect(env.next_page_uri).toContain(
      'To=%2B14155550401&DateSent%3E=2030-01-15&PageSize=2&Page=1&PageToken=',
    );
    const sids = env.messages.map((m) => m.sid);
    let next: string | null = env.next_page_uri;
    while (next) {
      const page = await rawRequest(emu, `${emu.baseUrl}${next}`);
      const body = page.body as { next_page_uri: string | null; messages: { sid: string }[] };
      sids.push(...body.messages.map((m) => m.sid));
      next = body.next_page_uri;
    }
    expect(sids).toEqual(expected((s) => s.to === ALICE && s.sentDay >= 15));
  });

  it('reads zone-less and RFC 2822 date values as GMT, whatever the host time zone', async () => {
    const values = [
      '2030-01-16 22:05:25.000',
      '2030-01-16T01:00:00',
      '01/16/2030',
      'Jan 16 2030 23:59:59',
      'Wed, 16 Jan 2030 22:04:00 -0000',
      '2030-01-16T23:30:00Z',
      '2030-01-17T01:00:00+02:00',
    ];
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        for (const value of values) {
          const res = await rawRequest(
            emu,
            `${accountUrl(emu)}/Messages.json?DateSent=${encodeURIComponent(value)}`,
          );
          const sids = (res.body as { messages: { sid: string }[] }).messages.map((m) => m.sid);
          expect(sids, `${tz} ${value}`).toEqual(expected((s) => s.sentDay === 16));
        }
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('matches WhatsApp addresses by their prefixed form', async () => {
    const wa = await emu
      .client()
      .messages.create({ to: 'whatsapp:+14155550401', from: `whatsapp:${a}`, body: 'wa' });
    expect(
      (await emu.client().messages.list({ to: 'whatsapp:+14155550401' })).map((m) => m.sid),
    ).toEqual([wa.sid]);
    expect((await emu.client().messages.list({ from: `whatsapp:${a}` })).map((m) => m.sid)).toEqual(
      [wa.sid],
    );
    expect((await emu.client().messages.list({ to: ALICE })).map((m) => m.sid)).not.toContain(
      wa.sid,
    );
  });

  it('refuses a date filter that is not a date with 20001', async () => {
    for (const query of ['DateSent=yesterday', 'DateSent%3C=2030-13-45', 'DateSent%3E=%FF%FE']) {
      const res = await rawRequest(emu, `${accountUrl(emu)}/Messages.json?${query}`);
      expect(res.status).toBe(400);
      expectErrorBody(res.body, 400, 20001);
    }
  });

  it('treats empty filter values as not sent', async () => {
    const res = await rawRequest(
      emu,
      `${accountUrl(emu)}/Messages.json?To=&From=&DateSent=&PageSize=1000`,
    );
    expect(res.status).toBe(200);
    expect((res.body as { messages: unknown[] }).messages.length).toBeGreaterThanOrEqual(
      sent.length + 1,
    );
  });
});
