// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { ConfirmProvider } from '../../../src/components/confirm';
import {
  RuntimeProvider,
  useRuntime,
  type RunOutcome,
  type Runtime,
} from '../../../src/app/runtime/runtime-provider';
import type { Widget } from '../../../src/contract/page';
import type { SavedQuery } from '../../../src/contract/queries';
import { defaultProps } from '../../../src/features/widgets/model';
import { renderWithClient, setupMockApi } from '../../helpers/mock-api';
import { EMULATOR } from '../../helpers/mock-state';

// The runtime as the app provides it: the saved page and queries from the API, widget state and
// runs in React state, and a scope that each change updates from the previous one.

const api = setupMockApi();

const widget = (type: Widget['type'], name: string, props: Widget['props']): Widget => ({
  id: `w_${name}`,
  type,
  name,
  width: 6,
  props: { ...defaultProps(type), ...props },
});

const widgets = [
  widget('input', 'Input1', { defaultText: 'Ada' }),
  widget('text', 'Greeting', { text: 'Hello {{ Input1.text }}!' }),
  widget('text', 'Unrelated', { text: '{{ 6 * 7 }}' }),
  widget('text', 'Status', { text: '{{ SendSms.isLoading ? "sending" : "idle" }}' }),
];

const sendSms: SavedQuery = {
  id: 'q_send',
  name: 'SendSms',
  datasourceId: 'ds_emulator',
  command: 'create-message',
  params: {},
  settings: { runOnPageLoad: false, confirmBeforeRun: false, timeoutMs: 15_000 },
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  version: 1,
  updatedBy: null,
};

function renderRuntime(query: SavedQuery = sendSms) {
  api.server.use(http.get('/api/page', () => HttpResponse.json({ updatedAt: null, widgets })));
  api.state.queries.push(query);
  const seen: Runtime[] = [];
  function Probe() {
    const runtime = useRuntime();
    seen.push(runtime);
    const text = (name: string) =>
      String((runtime.scope[name] as { text?: unknown } | undefined)?.text ?? '');
    return (
      <output aria-label="texts">
        {['Greeting', 'Unrelated', 'Status'].map(text).join(' | ')}
      </output>
    );
  }
  renderWithClient(
    <ConfirmProvider>
      <RuntimeProvider>
        <Probe />
      </RuntimeProvider>
    </ConfirmProvider>,
  );
  return { latest: () => seen[seen.length - 1]! };
}

const texts = () => screen.getByRole('status', { name: 'texts' });

it('updates what reads a widget when a person uses it, and keeps what does not', async () => {
  const { latest } = renderRuntime();
  await waitFor(() => expect(texts()).toHaveTextContent('Hello Ada! | 42 | idle'));
  const before = latest();

  act(() => before.setWidgetState('Input1', { text: 'Ann' }));
  expect(texts()).toHaveTextContent('Hello Ann! | 42 | idle');
  const after = latest();
  expect(after.scope.Unrelated).toBe(before.scope.Unrelated); // not evaluated again
  expect(after.scope.Greeting).not.toBe(before.scope.Greeting);
  expect(after.values.get('Greeting.text')).toBe('Hello Ann!');
  expect(after.evaluate('{{ Input1.text.length }}').value).toBe(3);
  expect(after.suggestions.Input1).toEqual(['text', 'isValid']);

  act(() => after.recordRun('SendSms', { status: 'running', startedAt: 0 }));
  expect(texts()).toHaveTextContent('Hello Ann! | 42 | sending');
  expect(latest().scope.Greeting).toBe(after.scope.Greeting);

  act(() => latest().resetWidgets(['Input1']));
  expect(texts()).toHaveTextContent('Hello Ada! | 42 | sending');
});

// The confirmation dialog loads the first time a query asks for it: the first screen never does.
it('asks before running a query that wants it, runs it with its bindings resolved, and shows notices', async () => {
  const user = userEvent.setup();
  const { latest } = renderRuntime({
    ...sendSms,
    params: {
      to: EMULATOR.verifiedCallerIds[0],
      from: EMULATOR.phoneNumbers[0],
      body: 'Hello {{ Input1.text }}',
    },
    settings: { ...sendSms.settings, confirmBeforeRun: true },
  });
  await waitFor(() => expect(texts()).toHaveTextContent('Hello Ada! | 42 | idle'));
  const execute = `/api/datasources/${sendSms.datasourceId}/execute`;

  let canceled!: Promise<RunOutcome>;
  act(() => void (canceled = latest().runQuery('SendSms')));
  const first = await screen.findByRole('dialog', { name: 'Run SendSms?' });
  expect(first).toHaveTextContent('Create Message on its datasource.');
  await user.click(within(first).getByRole('button', { name: 'Cancel' }));
  expect(await canceled).toEqual({ ok: false, message: 'Canceled' });
  expect(api.calls('POST', execute)).toEqual([]);

  let ran!: Promise<RunOutcome>;
  act(() => void (ran = latest().runQuery('SendSms')));
  await user.click(
    within(await screen.findByRole('dialog', { name: 'Run SendSms?' })).getByRole('button', {
      name: 'Run',
    }),
  );
  expect(await ran).toMatchObject({ ok: true, run: { isLoading: false, error: null } });
  expect(await api.bodies('POST', execute)).toEqual([
    expect.objectContaining({
      command: 'create-message',
      params: expect.objectContaining({ body: 'Hello Ada' }),
    }),
  ]);
  await waitFor(() =>
    expect(latest().scope.SendSms).toMatchObject({ responseMeta: { status: 201 } }),
  );

  act(() => latest().notify('Sent it', 'success'));
  expect(await screen.findByText('Sent it')).toBeInTheDocument();
});
