// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage, widget } from './render-page';

// Each widget in View mode: what a person does with it reaches the scope, and a Text widget
// bound to it shows the value bindings read.

const shown = (text: string) => expect(screen.getByText(text)).toBeInTheDocument();

describe('WidgetView', () => {
  it('Input: typing sets .text; its default text is evaluated', async () => {
    const { user, spy } = renderPage(
      [
        widget('input', 'Input1', {
          label: 'To',
          defaultText: '+1555{{ 100 + 23 }}',
          placeholder: '+15558675310',
        }),
        widget('text', 'Text1', { text: 'to={{Input1.text}}' }),
      ],
      { mode: 'view' },
    );
    const input = screen.getByRole('textbox', { name: 'To' });
    expect(input).toHaveValue('+1555123');
    expect(input).toHaveAttribute('placeholder', '+15558675310');
    shown('to=+1555123');
    await user.clear(input);
    await user.type(input, '+1999');
    shown('to=+1999');
    expect(spy.state().Input1).toEqual({ text: '+1999' });
  });

  it('Select: options from lines; choosing one sets the value and label', async () => {
    const { user } = renderPage(
      [
        widget('select', 'Select1', {
          label: 'Status',
          options: 'queued|Queued\ncanceled|Canceled',
          defaultValue: 'queued',
        }),
        widget('text', 'Text1', {
          text: '{{Select1.selectedOptionValue}}/{{Select1.selectedOptionLabel}}',
        }),
      ],
      { mode: 'view' },
    );
    shown('queued/Queued');
    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['(none)', 'Queued', 'Canceled']);
    await user.click(within(listbox).getByRole('option', { name: 'Canceled' }));
    shown('canceled/Canceled');
  });

  it('Checkbox: clicking sets .isChecked', async () => {
    const { user } = renderPage(
      [
        widget('checkbox', 'Checkbox1', { label: 'Urgent' }),
        widget('text', 'Text1', { text: 'urgent={{Checkbox1.isChecked}}' }),
      ],
      { mode: 'view' },
    );
    shown('urgent=false');
    await user.click(screen.getByRole('checkbox', { name: 'Urgent' }));
    shown('urgent=true');
  });

  it('DatePicker: a picked day is .selectedDate in ISO 8601 UTC and .formattedDate', () => {
    const { container } = renderPage(
      [
        widget('datepicker', 'DatePicker1', { label: 'Sent after' }),
        widget('text', 'Text1', {
          text: '{{DatePicker1.selectedDate}} {{DatePicker1.formattedDate}}',
        }),
      ],
      { mode: 'view' },
    );
    const input = container.querySelector<HTMLInputElement>('input[type="date"]')!;
    expect(screen.getByLabelText('Sent after')).toBe(input);
    fireEvent.change(input, { target: { value: '2030-01-02' } });
    shown('2030-01-02T00:00:00Z 2030-01-02');
    expect(input).toHaveValue('2030-01-02');
  });

  it('DatePicker with a time: the default shows in the field, the value stays UTC', () => {
    const { container } = renderPage(
      [
        widget('datepicker', 'DatePicker1', {
          label: 'Send at',
          defaultDate: '2030-01-02T10:30:00Z',
          withTime: true,
        }),
        widget('text', 'Text1', { text: 'at {{DatePicker1.selectedDate}}' }),
      ],
      { mode: 'view' },
    );
    expect(container.querySelector('input[type="datetime-local"]')).not.toBeNull();
    shown('at 2030-01-02T10:30:00Z');
  });

  it('Text: shows its evaluated text', () => {
    renderPage([widget('text', 'Text1', { text: '{{ [1, 2, 3].length }} messages' })], {
      mode: 'view',
    });
    shown('3 messages');
  });

  it('Button: shows its evaluated label', () => {
    renderPage([widget('button', 'Button1', { label: 'Send {{ "now" }}' })], { mode: 'view' });
    expect(screen.getByRole('button', { name: 'Send now' })).toBeEnabled();
  });
});

describe('WidgetView: Table', () => {
  const rows = Array.from({ length: 12 }, (_, i) => ({
    sid: `SM${i + 1}`,
    to: `+1555000${String(i + 1).padStart(4, '0')}`,
    status: i % 2 ? 'sent' : 'delivered',
    body: `Body ${i + 1}`,
  }));
  const setup = () =>
    renderPage(
      [
        widget('table', 'Table1', {
          label: 'Messages',
          tableData: `{{ ${JSON.stringify(rows)} }}`,
          pageSize: 5,
        }),
        widget('text', 'Text1', {
          text: 'row={{Table1.selectedRow.sid}} index={{Table1.selectedRowIndex}} page={{Table1.pageNo}} search={{Table1.searchText}}',
        }),
      ],
      { mode: 'view' },
    );
  const bodyRows = () =>
    within(screen.getByRole('table', { name: 'Messages' }))
      .getAllByRole('row')
      .slice(1);

  it('shows its rows a page at a time, with the columns a message has', async () => {
    const { user } = setup();
    const table = screen.getByRole('table', { name: 'Messages' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['to', 'body', 'status', 'sid']);
    expect(bodyRows()).toHaveLength(5);
    expect(bodyRows()[0]).toHaveTextContent('SM1');
    await user.click(screen.getByRole('button', { name: /next page/i }));
    expect(bodyRows()[0]).toHaveTextContent('SM6');
    shown('row= index=-1 page=2 search=');
  });

  it('selecting a row sets .selectedRow and .selectedRowIndex', async () => {
    const { user } = setup();
    await user.click(bodyRows()[2]!);
    shown('row=SM3 index=2 page=1 search=');
    expect(bodyRows()[2]).toHaveAttribute('aria-selected', 'true');
  });

  it('searching filters the rows and sets .searchText, back on page 1', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: /next page/i }));
    await user.type(screen.getByRole('textbox', { name: 'Search Messages' }), 'Body 1');
    expect(bodyRows().map((r) => within(r).getAllByRole('cell')[3]!.textContent)).toEqual([
      'SM1',
      'SM10',
      'SM11',
      'SM12',
    ]);
    shown('row= index=-1 page=1 search=Body 1');
  });

  it('says so when there is nothing to show', () => {
    renderPage([widget('table', 'Table1', { label: 'Messages', tableData: '{{ [] }}' })], {
      mode: 'view',
    });
    expect(screen.getByRole('cell', { name: 'No rows' })).toBeInTheDocument();
  });
});
