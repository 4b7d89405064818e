// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponsePanel } from '../../../../src/features/responses/components/response-panel';
import { createResult, deleteResult, done, listResult, trialRefusal } from './fixtures';
import { renderTable, renderWithTheme } from './render';

const region = () => screen.getByRole('region', { name: 'Response' });

describe('ResponsePanel states', () => {
  it('idle: a hint to run the query, with the keyboard shortcut', () => {
    renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="create-message" run={{ status: 'idle' }} />,
    );
    expect(within(region()).getByRole('heading', { name: 'Response' })).toBeInTheDocument();
    expect(region()).toHaveTextContent(/Run the query to see Twilio's response/);
    expect(region()).toHaveTextContent(/Ctrl\+Enter/);
    expect(region()).toHaveTextContent(/Cmd\+Enter/);
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it('running: a labelled progress indicator and a busy region', () => {
    renderWithTheme(
      <ResponsePanel
        renderTable={renderTable}
        command="create-message"
        run={{ status: 'running', startedAt: 1 }}
      />,
    );
    expect(
      screen.getByRole('progressbar', { name: "Waiting for Twilio's response" }),
    ).toBeInTheDocument();
    expect(region()).toHaveAttribute('aria-busy', 'true');
  });

  it.each([
    [201, 'success', '201 Created'],
    [200, 'success', '200 OK'],
    [400, 'error', '400 Bad Request'],
    [404, 'error', '404 Not Found'],
    [409, 'error', '409 Conflict'],
    [429, 'error', '429 Too Many Requests'],
  ])('done: status %i reads "%s" in the %s color', (status, color, text) => {
    renderWithTheme(
      <ResponsePanel
        renderTable={renderTable}
        command="create-message"
        run={done({ ...createResult, status, ok: status < 300 })}
      />,
    );
    const chip = screen.getByTestId('response-status');
    expect(chip).toHaveTextContent(text);
    expect(chip.className).toMatch(color === 'success' ? /colorSuccess/ : /colorError/);
  });

  it('done: shows the duration and the size of the JSON body', () => {
    renderWithTheme(
      <ResponsePanel
        renderTable={renderTable}
        command="list-messages"
        run={done({ ...listResult, durationMs: 1340 })}
      />,
    );
    const line = screen.getByRole('status');
    expect(line).toHaveTextContent('Time: 1.34 s');
    const bytes = new TextEncoder().encode(JSON.stringify(listResult.data)).length;
    expect(bytes).toBeGreaterThan(1024);
    expect(line).toHaveTextContent(`Size: ${(bytes / 1024).toFixed(1)} KB`);
  });

  it('204: says there is no body in the JSON and Raw tabs', async () => {
    const user = userEvent.setup();
    renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="delete-message" run={done(deleteResult)} />,
    );
    expect(screen.getByTestId('response-status')).toHaveTextContent('204 No Content');
    expect(screen.getByRole('status')).toHaveTextContent('Time: 95 ms');
    expect(screen.getByRole('status')).toHaveTextContent('Size: 0 B');
    expect(screen.getByRole('tabpanel')).toHaveTextContent(/204 No Content: there is no body/);
    expect(screen.queryByRole('button', { name: 'Copy JSON' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Raw' }));
    expect(screen.getByRole('tabpanel')).toHaveTextContent(/there is no body/);
    await user.click(screen.getByRole('tab', { name: 'Request' }));
    expect(screen.getByRole('tabpanel')).toHaveTextContent('DELETE');
    expect(screen.getByRole('tabpanel')).toHaveTextContent('No parameters were sent.');
  });
});

describe('ResponsePanel tabs', () => {
  it('switches between JSON, Raw and Request, each tab controlling its panel', async () => {
    const user = userEvent.setup();
    renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="create-message" run={done(createResult)} />,
    );
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['JSON', 'Raw', 'Request']);
    expect(screen.getByRole('tablist', { name: 'Response views' })).toBeInTheDocument();

    const json = screen.getByRole('tab', { name: 'JSON' });
    expect(json).toHaveAttribute('aria-selected', 'true');
    const panel = screen.getByRole('tabpanel');
    expect(json).toHaveAttribute('aria-controls', panel.id);
    expect(panel).toHaveAttribute('aria-labelledby', json.id);
    expect(within(panel).getByRole('list', { name: 'Response body' })).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Raw' }));
    expect(screen.getByRole('tab', { name: 'Raw' })).toHaveAttribute('aria-selected', 'true');
    const raw = within(screen.getByRole('tabpanel')).getByRole('region', {
      name: 'Raw response body',
    });
    expect(raw.textContent).toBe(JSON.stringify(createResult.data, null, 2));
    expect(
      within(screen.getByRole('tabpanel')).getByRole('button', { name: 'Copy raw JSON' }),
    ).toBeInTheDocument();
  });

  it('copies the raw JSON text', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="create-message" run={done(createResult)} />,
    );
    await user.click(screen.getByRole('tab', { name: 'Raw' }));
    await user.click(screen.getByRole('button', { name: 'Copy raw JSON' }));
    expect(writeText).toHaveBeenCalledWith(JSON.stringify(createResult.data, null, 2));
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('keeps the chosen tab for the next run', async () => {
    const user = userEvent.setup();
    const { rerender } = renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="create-message" run={done(createResult)} />,
    );
    await user.click(screen.getByRole('tab', { name: 'Request' }));
    rerender(
      <ResponsePanel
        renderTable={renderTable}
        command="create-message"
        run={{ status: 'running', startedAt: 2 }}
      />,
    );
    rerender(
      <ResponsePanel
        renderTable={renderTable}
        command="create-message"
        run={done({ ...createResult, durationMs: 50 })}
      />,
    );
    expect(screen.getByRole('tab', { name: 'Request' })).toHaveAttribute('aria-selected', 'true');
  });

  it('Request tab: method, path and wire names, arrays as several values', async () => {
    const user = userEvent.setup();
    renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="create-message" run={done(createResult)} />,
    );
    await user.click(screen.getByRole('tab', { name: 'Request' }));
    const panel = screen.getByRole('tabpanel');
    expect(panel).toHaveTextContent(`POST${createResult.request.path}`);
    const table = within(panel).getByRole('table', { name: 'Request parameters' });
    const names = within(table)
      .getAllByRole('rowheader')
      .map((c) => c.textContent);
    expect(names).toEqual(['To', 'From', 'Body', 'MediaUrl']);
    const media = within(table).getByRole('rowheader', { name: 'MediaUrl' }).closest('tr')!;
    expect(within(media).getByText('https://example.com/a.jpg')).toBeInTheDocument();
    expect(within(media).getByText('https://example.com/b.jpg')).toBeInTheDocument();
    expect(within(table).getByText('Hello & welcome')).toBeInTheDocument();
  });

  it('Request tab masks anything named like a secret', async () => {
    const user = userEvent.setup();
    const leaky = {
      ...createResult,
      request: {
        ...createResult.request,
        params: {
          To: '+15558675310',
          AuthToken: 'tok-123',
          Authorization: 'Basic abc',
          password: 'pw',
        },
      },
    };
    renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="create-message" run={done(leaky)} />,
    );
    await user.click(screen.getByRole('tab', { name: 'Request' }));
    const panel = screen.getByRole('tabpanel');
    expect(panel).toHaveTextContent('AuthToken');
    expect(panel).toHaveTextContent('+15558675310');
    expect(panel.textContent).not.toMatch(/tok-123|Basic abc|\bpw\b/);
  });
});

describe('ResponsePanel Table tab', () => {
  it('is offered only for list-messages', () => {
    const { unmount } = renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="fetch-message" run={done(createResult)} />,
    );
    expect(screen.queryByRole('tab', { name: 'Table' })).not.toBeInTheDocument();
    unmount();
    renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="list-messages" run={done(listResult)} />,
    );
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'JSON',
      'Raw',
      'Request',
      'Table',
    ]);
  });

  it("hands the list's result to the app's table (the message log) in the Table tab", async () => {
    const user = userEvent.setup();
    const table = vi.fn(renderTable);
    renderWithTheme(
      <ResponsePanel command="list-messages" run={done(listResult)} renderTable={table} />,
    );
    expect(table).not.toHaveBeenCalled();
    await user.click(screen.getByRole('tab', { name: 'Table' }));
    expect(table).toHaveBeenLastCalledWith(listResult);
    expect(screen.getByRole('tabpanel')).toHaveTextContent("The app's table of 3 messages");
  });
});

describe('ResponsePanel errors', () => {
  it("Twilio's refusal: code, message, explanation and docs link; the body views still work", async () => {
    const user = userEvent.setup();
    renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="create-message" run={done(trialRefusal)} />,
    );
    expect(screen.getByTestId('response-status')).toHaveTextContent('400 Bad Request');
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Twilio error 21608');
    expect(alert).toHaveTextContent('Trial accounts cannot send messages to unverified numbers.');
    expect(alert).toHaveTextContent(/only to verified caller IDs/);
    const link = within(alert).getByRole('link', { name: 'Twilio docs for error 21608' });
    expect(link).toHaveAttribute('href', 'https://www.twilio.com/docs/errors/21608');
    expect(link).toHaveAttribute('target', '_blank');

    expect(within(screen.getByRole('tabpanel')).getByText('21608')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Raw' }));
    expect(
      JSON.parse(screen.getByRole('region', { name: 'Raw response body' }).textContent),
    ).toEqual({
      code: 21608,
      message: trialRefusal.error!.message,
      more_info: 'https://www.twilio.com/docs/errors/21608',
      status: 400,
    });
    await user.click(screen.getByRole('tab', { name: 'Request' }));
    expect(screen.getByRole('tabpanel')).toHaveTextContent('+15550001111');
  });

  it.each([
    [20003, /credentials/],
    [20404, /found nothing/],
    [20009, /not finished yet.*retry/],
    [21211, /To number is not valid/],
    [21212, /From number is not valid/],
    [21408, /region/],
    [21606, /From number is not one of this account/],
    [21610, /unsubscribed/],
    [21617, /longer than/],
    [30409, /no longer scheduled/],
    [35114, /scheduling window/],
    [35118, /Messaging Service/],
  ])(
    'explains Twilio error %i in plain words, linking its docs when more_info is missing',
    (code, words) => {
      const result = {
        ...trialRefusal,
        error: { code, message: 'Twilio said no', moreInfo: null },
      };
      renderWithTheme(
        <ResponsePanel renderTable={renderTable} command="update-message" run={done(result)} />,
      );
      const alert = screen.getByRole('alert');
      expect(alert).toHaveTextContent(words);
      expect(
        within(alert).getByRole('link', { name: `Twilio docs for error ${code}` }),
      ).toHaveAttribute('href', `https://www.twilio.com/docs/errors/${code}`);
    },
  );

  it('a list refusal offers no Table tab', () => {
    renderWithTheme(
      <ResponsePanel
        renderTable={renderTable}
        command="list-messages"
        run={done({
          ...trialRefusal,
          status: 401,
          error: { code: 20003, message: 'Authenticate', moreInfo: null },
        })}
      />,
    );
    expect(screen.getByTestId('response-status')).toHaveTextContent('401 Unauthorized');
    expect(screen.queryByRole('tab', { name: 'Table' })).not.toBeInTheDocument();
  });

  it('our own validation error points at the field', async () => {
    const user = userEvent.setup();
    const onFieldClick = vi.fn();
    renderWithTheme(
      <ResponsePanel
        renderTable={renderTable}
        command="create-message"
        onFieldClick={onFieldClick}
        run={{
          status: 'failed',
          startedAt: 1,
          error: {
            status: 400,
            code: 'invalid_params',
            message: 'Give From or a Messaging Service SID (Twilio error 21603)',
            field: 'messagingServiceSid',
          },
        }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Give From or a Messaging Service SID');
    expect(alert).toHaveTextContent(/Not sent/);
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    await user.click(
      within(alert).getByRole('button', { name: 'Go to field Messaging Service SID' }),
    );
    expect(onFieldClick).toHaveBeenCalledWith('messagingServiceSid');
  });

  it('no field button without a field', () => {
    renderWithTheme(
      <ResponsePanel
        renderTable={renderTable}
        command="fetch-message"
        onFieldClick={() => {}}
        run={{
          status: 'failed',
          startedAt: 1,
          error: {
            status: 502,
            code: 'upstream_unreachable',
            message: 'Twilio could not be reached (ECONNREFUSED).',
          },
        }}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('ECONNREFUSED');
    expect(screen.queryByRole('button', { name: /Go to field/ })).not.toBeInTheDocument();
  });

  it('a timeout on a send says prominently that the outcome is unknown', () => {
    renderWithTheme(
      <ResponsePanel
        renderTable={renderTable}
        command="create-message"
        run={{
          status: 'failed',
          startedAt: 1,
          error: {
            status: 504,
            code: 'upstream_timeout',
            message: 'Twilio did not answer in time. The outcome is unknown.',
          },
        }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.className).toMatch(/filledWarning|colorWarning/);
    expect(within(alert).getByText(/^Outcome unknown/)).toHaveClass('MuiAlertTitle-root');
    expect(alert).toHaveTextContent('may or may not have been sent');
  });
});
