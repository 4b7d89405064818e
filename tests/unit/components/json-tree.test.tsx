// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { JsonTree } from '../../../src/components/json-tree';
import { ResponsePanel } from '../../../src/features/responses/components/response-panel';
import { done, listPage, listResult } from '../features/responses/fixtures';
import { renderTable, renderWithTheme } from '../features/responses/render';

const toggle = (name: string | RegExp) => screen.getByRole('button', { name });

describe('JsonTree', () => {
  it('opens two levels by default and collapses deeper objects', () => {
    renderWithTheme(<JsonTree value={listPage} label="Response body" rootName="response" />);
    expect(toggle('response {9 keys}')).toHaveAttribute('aria-expanded', 'true');
    expect(toggle('messages [3 items]')).toHaveAttribute('aria-expanded', 'true');
    expect(toggle('0 {20 keys}')).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('"SM1f0e2d3c4b5a69788796a5b4c3d2e1f0"')).not.toBeInTheDocument();
    expect(screen.getByText('"' + listPage.next_page_uri + '"')).toBeInTheDocument();
  });

  it('expands and collapses with the mouse, and aria-controls names the opened list', async () => {
    const user = userEvent.setup();
    renderWithTheme(<JsonTree value={listPage} label="Response body" />);
    const first = toggle('0 {20 keys}');
    await user.click(first);
    expect(first).toHaveAttribute('aria-expanded', 'true');
    const controlled = document.getElementById(first.getAttribute('aria-controls')!)!;
    expect(
      within(controlled).getByText('"SM1f0e2d3c4b5a69788796a5b4c3d2e1f0"'),
    ).toBeInTheDocument();
    await user.click(toggle('messages [3 items]'));
    expect(toggle('messages [3 items]')).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('"SM1f0e2d3c4b5a69788796a5b4c3d2e1f0"')).not.toBeInTheDocument();
  });

  it('is reachable and operable from the keyboard', async () => {
    const user = userEvent.setup();
    renderWithTheme(<JsonTree value={{ a: { b: { c: 1 } } }} label="Tree" />);
    await user.tab();
    expect(toggle('root {1 key}')).toHaveFocus();
    await user.tab();
    await user.tab();
    expect(toggle('b {1 key}')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(toggle('b {1 key}')).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('1')).toBeInTheDocument();
    await user.keyboard(' ');
    expect(toggle('b {1 key}')).toHaveAttribute('aria-expanded', 'false');
  });

  it('marks values by type and wraps long strings', () => {
    renderWithTheme(
      <JsonTree value={{ s: 'x'.repeat(500), n: 42, b: false, z: null }} label="Tree" />,
      'dark',
    );
    expect(screen.getByText('42')).toHaveAttribute('data-type', 'number');
    expect(screen.getByText('false')).toHaveAttribute('data-type', 'boolean');
    expect(screen.getByText('null')).toHaveAttribute('data-type', 'null');
    const long = screen.getByText(`"${'x'.repeat(500)}"`);
    expect(long).toHaveAttribute('data-type', 'string');
    expect(getComputedStyle(long).whiteSpace).toBe('pre-wrap');
  });

  it('shows the first 100 children of a large array, then more on demand', async () => {
    const user = userEvent.setup();
    const items = Array.from({ length: 250 }, (_, i) => `item-${i}`);
    renderWithTheme(<JsonTree value={{ items }} label="Tree" />);
    const list = () =>
      document.getElementById(toggle('items [250 items]').getAttribute('aria-controls')!)!;
    expect(within(list()).getAllByText(/^"item-\d+"$/)).toHaveLength(100);
    expect(screen.queryByText('"item-100"')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show 100 more of items (150 hidden)' }));
    expect(within(list()).getAllByText(/^"item-\d+"$/)).toHaveLength(200);
    await user.click(screen.getByRole('button', { name: 'Show 50 more of items (50 hidden)' }));
    expect(within(list()).getAllByText(/^"item-\d+"$/)).toHaveLength(250);
    expect(screen.queryByRole('button', { name: /^Show \d+ more/ })).not.toBeInTheDocument();
  });

  it('renders a bare value at the root', () => {
    renderWithTheme(<JsonTree value="hello" label="Tree" />);
    expect(screen.getByRole('list', { name: 'Tree' })).toHaveTextContent('root:"hello"');
  });
});

describe('JSON tab copy', () => {
  it('copies the whole body as pretty JSON', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="list-messages" run={done(listResult)} />,
    );
    await user.click(screen.getByRole('button', { name: 'Copy JSON' }));
    expect(writeText).toHaveBeenCalledTimes(1);
    expect(JSON.parse(writeText.mock.calls[0]![0])).toEqual(listPage);
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('says so when the clipboard refuses', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    renderWithTheme(
      <ResponsePanel renderTable={renderTable} command="list-messages" run={done(listResult)} />,
    );
    await user.click(screen.getByRole('button', { name: 'Copy JSON' }));
    expect(screen.getByRole('button', { name: 'Copy failed' })).toBeInTheDocument();
  });
});
