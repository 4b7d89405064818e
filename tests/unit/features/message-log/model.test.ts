import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  canCancel,
  canDelete,
  canRedact,
  chartCounts,
  CSV_COLUMNS,
  errorDocsUrl,
  explainRefusal,
  isFinal,
  isMessageLike,
  searchMessages,
  sortMessages,
  statusGroup,
  messagesCsv,
  toCsvRows,
  type StatusGroup,
} from '../../../../src/features/message-log/model';
import { message, messageSid } from './fixtures';

const sids = (rows: { sid: string }[]) => rows.map((m) => m.sid);

describe('finality and the actions Twilio allows', () => {
  const IN_FLIGHT = ['accepted', 'scheduled', 'queued', 'sending', 'sent', 'receiving'];
  const FINAL = ['delivered', 'undelivered', 'failed', 'read', 'received', 'canceled'];

  it.each(FINAL)('%s is final', (status) => expect(isFinal(status)).toBe(true));
  it.each(IN_FLIGHT)('%s is not final', (status) => expect(isFinal(status)).toBe(false));

  it('Cancel only while scheduled', () => {
    expect(canCancel(message(1, { status: 'scheduled' }))).toBe(true);
    for (const status of [...IN_FLIGHT.filter((s) => s !== 'scheduled'), ...FINAL])
      expect(canCancel(message(1, { status })), status).toBe(false);
  });

  it('Delete only when final', () => {
    for (const status of FINAL) expect(canDelete(message(1, { status })), status).toBe(true);
    for (const status of IN_FLIGHT) expect(canDelete(message(1, { status })), status).toBe(false);
  });

  it('Redact only when final and there is a body left', () => {
    expect(canRedact(message(1, { status: 'delivered', body: 'secret' }))).toBe(true);
    expect(canRedact(message(1, { status: 'delivered', body: '' }))).toBe(false);
    expect(canRedact(message(1, { status: 'sent', body: 'secret' }))).toBe(false);
    expect(canRedact(message(1, { status: 'scheduled', body: 'secret' }))).toBe(false);
  });
});

describe('statusGroup', () => {
  it.each([
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['received', 'delivered'],
    ['failed', 'failed'],
    ['undelivered', 'failed'],
    ['scheduled', 'scheduled'],
    ['canceled', 'canceled'],
    ['queued', 'in-flight'],
    ['sending', 'in-flight'],
    ['sent', 'in-flight'],
    ['accepted', 'in-flight'],
  ])('%s is %s', (status, group) => expect(statusGroup(status)).toBe(group));
});

describe('isMessageLike', () => {
  it('tells a Twilio message from other rows', () => {
    expect(isMessageLike(message(1))).toBe(true);
    expect(isMessageLike({ sid: 'SM1', status: 'sent' })).toBe(false);
    expect(isMessageLike({ name: 'x' })).toBe(false);
    expect(isMessageLike(null)).toBe(false);
    expect(isMessageLike('SM1')).toBe(false);
  });
});

describe('sortMessages', () => {
  const rows = [
    message(2, {
      status: 'sent',
      to: '+15550000003',
      from: '+15550000001',
      num_segments: '10',
      price: '-0.10',
    }),
    message(1, {
      status: 'delivered',
      to: '+15550000001',
      from: null,
      num_segments: '2',
      price: null,
    }),
    message(3, {
      status: 'failed',
      to: '+15550000002',
      from: '+15550000002',
      num_segments: '1',
      price: '-0.05',
      date_sent: null,
    }),
  ];

  it('sorts by date sent, or created when not sent yet', () => {
    expect(sids(sortMessages(rows, 'date', false))).toEqual([
      messageSid(1),
      messageSid(2),
      messageSid(3),
    ]);
    expect(sids(sortMessages(rows, 'date', true))).toEqual([
      messageSid(3),
      messageSid(2),
      messageSid(1),
    ]);
  });

  it('sorts by status, To and From as text', () => {
    expect(sortMessages(rows, 'status', false).map((m) => m.status)).toEqual([
      'delivered',
      'failed',
      'sent',
    ]);
    expect(sortMessages(rows, 'to', false).map((m) => m.to)).toEqual([
      '+15550000001',
      '+15550000002',
      '+15550000003',
    ]);
    expect(sortMessages(rows, 'from', true).map((m) => m.from)).toEqual([
      '+15550000002',
      '+15550000001',
      null,
    ]);
  });

  it('sorts segments and price as numbers (10 after 2; a price of -0.10 below -0.05)', () => {
    expect(sortMessages(rows, 'segments', false).map((m) => m.num_segments)).toEqual([
      '1',
      '2',
      '10',
    ]);
    expect(sortMessages(rows, 'price', false).map((m) => m.price)).toEqual([
      '-0.10',
      '-0.05',
      null,
    ]);
  });

  it('leaves the rows it was given alone', () => {
    const before = sids(rows);
    sortMessages(rows, 'to', true);
    expect(sids(rows)).toEqual(before);
  });
});

describe('searchMessages', () => {
  const rows = [
    message(1, { status: 'delivered', body: 'Your code is 1234' }),
    message(2, { status: 'undelivered', error_code: 30003, body: 'Hello' }),
    message(3, { status: 'failed', error_code: 30008, to: '+15005550011' }),
    message(4, { status: 'scheduled' }),
    message(5, { status: 'sending' }),
    message(6, { status: 'canceled' }),
    message(7, { status: 'read', from: null }),
  ];
  const none = new Set<StatusGroup>();

  it('finds text in the SID, To, From, body, status or error code, ignoring case and spaces around it', () => {
    expect(sids(searchMessages(rows, '  YOUR CODE ', none))).toEqual([messageSid(1)]);
    expect(sids(searchMessages(rows, '30008', none))).toEqual([messageSid(3)]);
    expect(sids(searchMessages(rows, '+15005550011', none))).toEqual([messageSid(3)]);
    expect(sids(searchMessages(rows, messageSid(4).toLowerCase(), none))).toEqual([messageSid(4)]);
    expect(sids(searchMessages(rows, 'undeliv', none))).toEqual([messageSid(2)]);
    expect(searchMessages(rows, '', none)).toHaveLength(rows.length);
  });

  it('filters by status group: failed covers failed and undelivered; delivered covers read', () => {
    expect(sids(searchMessages(rows, '', new Set<StatusGroup>(['failed'])))).toEqual([
      messageSid(2),
      messageSid(3),
    ]);
    expect(sids(searchMessages(rows, '', new Set<StatusGroup>(['delivered'])))).toEqual([
      messageSid(1),
      messageSid(7),
    ]);
    expect(
      sids(searchMessages(rows, '', new Set<StatusGroup>(['in-flight', 'scheduled']))),
    ).toEqual([messageSid(4), messageSid(5)]);
  });

  it('applies the status filter and the text together', () => {
    expect(sids(searchMessages(rows, 'hello', new Set<StatusGroup>(['failed'])))).toEqual([
      messageSid(2),
    ]);
    expect(searchMessages(rows, 'hello', new Set<StatusGroup>(['delivered']))).toEqual([]);
  });
});

describe('chartCounts', () => {
  it('counts by status group and by day, days in order', () => {
    const rows = [
      message(1, { status: 'delivered', date_sent: '2030-01-02T10:00:00Z' }),
      message(2, { status: 'failed', date_sent: '2030-01-02T23:59:59Z' }),
      message(3, { status: 'undelivered', date_sent: '2030-01-01T00:00:00Z' }),
      message(4, { status: 'scheduled', date_sent: null, date_created: '2030-01-03T08:00:00Z' }),
    ];
    const counts = chartCounts(rows);
    expect(counts.byGroup).toEqual({
      delivered: 1,
      failed: 2,
      scheduled: 1,
      canceled: 0,
      'in-flight': 0,
    });
    expect(counts.byDay.map((d) => [d.day, d.total])).toEqual([
      ['2030-01-01', 1],
      ['2030-01-02', 2],
      ['2030-01-03', 1],
    ]);
    expect(counts.byDay[1]!.counts).toMatchObject({ delivered: 1, failed: 1 });
  });

  it('keeps only the last days asked for', () => {
    const rows = Array.from({ length: 20 }, (_, i) =>
      message(i, { date_sent: new Date(Date.UTC(2030, 0, 1 + i)).toISOString() }),
    );
    const counts = chartCounts(rows, 14);
    expect(counts.byDay).toHaveLength(14);
    expect(counts.byDay[0]!.day).toBe('2030-01-07');
    expect(counts.byDay[13]!.day).toBe('2030-01-20');
    expect(counts.byGroup.delivered).toBe(20);
  });
});

describe('toCsvRows', () => {
  it('gives the CSV columns as text, null as empty', () => {
    const [row] = toCsvRows([
      message(1, { error_code: 30003, price: null, body: 'Hi, "you"\nthere' }),
    ]);
    expect(Object.keys(row!)).toEqual([...CSV_COLUMNS]);
    expect(row).toMatchObject({
      sid: messageSid(1),
      error_code: '30003',
      price: '',
      body: 'Hi, "you"\nthere',
      num_segments: '1',
      price_unit: 'USD',
    });
  });

  it('round-trips through papaparse, commas, quotes and newlines included', () => {
    const rows = [message(1, { body: 'Hi, "you"\nthere' }), message(2, { from: null })];
    const parsed = Papa.parse<Record<string, string>>(Papa.unparse(toCsvRows(rows)), {
      header: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.body)).toEqual(['Hi, "you"\nthere', 'Message number 2']);
    expect(parsed.data[1]!.from).toBe('');
  });
});

describe('messagesCsv', () => {
  const bodyOf = (body: string) =>
    Papa.parse<Record<string, string>>(messagesCsv([message(1, { body })]), { header: true })
      .data[0]!.body;

  it.each([['=HYPERLINK("http://x","y")'], ['=1+1\nfoo']])(
    'writes an inbound body %j as text a spreadsheet will not run',
    (body) => {
      expect(bodyOf(body)).toBe(`'${body}`);
    },
  );

  it('leaves an ordinary body as sent', () => {
    expect(bodyOf('Hi, "you"\nthere')).toBe('Hi, "you"\nthere');
  });
});

describe('explainRefusal', () => {
  it('says in words why Twilio refused', () => {
    expect(explainRefusal(20009, 'Cannot delete message')).toMatch(/not finished/);
    expect(explainRefusal(30409, 'Message is not in a cancelable state')).toMatch(
      /no longer scheduled/,
    );
    expect(explainRefusal(20404, 'not found')).toMatch(/no longer has this message/);
  });

  it('falls back to Twilio’s own message for other codes', () => {
    expect(explainRefusal(21211, "The 'To' number is not valid")).toBe(
      "The 'To' number is not valid",
    );
    expect(explainRefusal(null, 'network down')).toBe('network down');
  });

  it('links an error code to Twilio’s docs', () => {
    expect(errorDocsUrl(30003)).toBe('https://www.twilio.com/docs/errors/30003');
  });
});
