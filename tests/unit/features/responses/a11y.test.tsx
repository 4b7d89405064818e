// @vitest-environment jsdom
import axe from 'axe-core';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { ResponsePanel } from '../../../../src/features/responses/components/response-panel';
import { createResult, deleteResult, done, listResult, trialRefusal } from './fixtures';
import { renderTable, renderWithTheme } from './render';

// jsdom has no layout, so color contrast cannot be measured here; the end-to-end tests check it.
async function seriousViolations(container: HTMLElement) {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
}

async function check(ui: ReactElement, mode: 'light' | 'dark' = 'light') {
  const { container } = renderWithTheme(ui, mode);
  expect(await seriousViolations(container)).toEqual([]);
  return container;
}

describe('ResponsePanel accessibility (axe)', () => {
  it('idle, running and failed states', async () => {
    await check(
      <ResponsePanel renderTable={renderTable} command="create-message" run={{ status: 'idle' }} />,
    );
    await check(
      <ResponsePanel
        renderTable={renderTable}
        command="create-message"
        run={{ status: 'running', startedAt: 1 }}
      />,
    );
    await check(
      <ResponsePanel
        renderTable={renderTable}
        command="create-message"
        onFieldClick={() => {}}
        run={{
          status: 'failed',
          startedAt: 1,
          error: { status: 400, code: 'invalid_params', message: 'To is required', field: 'to' },
        }}
      />,
    );
  });

  it('every tab of a list, in the dark theme', async () => {
    const user = userEvent.setup();
    const container = await check(
      <ResponsePanel renderTable={renderTable} command="list-messages" run={done(listResult)} />,
      'dark',
    );
    for (const name of ['Raw', 'Request', 'Table']) {
      await user.click(screen.getByRole('tab', { name }));
      expect(screen.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
      expect(await seriousViolations(container)).toEqual([]);
    }
  });

  it('a created message, a delete and a Twilio refusal', async () => {
    await check(
      <ResponsePanel renderTable={renderTable} command="create-message" run={done(createResult)} />,
    );
    await check(
      <ResponsePanel renderTable={renderTable} command="delete-message" run={done(deleteResult)} />,
    );
    await check(
      <ResponsePanel renderTable={renderTable} command="create-message" run={done(trialRefusal)} />,
    );
  });
});
