// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage, widget } from './render-page';
import { clearEditor, editorText, pasteInEditor, typeInEditor } from '../../../helpers/editor';

// Building a page: adding widgets, editing their properties with bindings, renaming, and the
// Edit / View toggle.

const properties = (name: string) => screen.getByRole('form', { name: `Properties of ${name}` });
const field = (name: string, label: string) =>
  within(properties(name)).getByRole('textbox', { name: label });
const addWidgetButton = () => screen.queryByRole('button', { name: 'Add widget' });

describe('PageEditor: adding widgets', () => {
  it.each([
    ['Input', 'input', 'Input1'],
    ['Select', 'select', 'Select1'],
    ['DatePicker', 'datepicker', 'DatePicker1'],
    ['Checkbox', 'checkbox', 'Checkbox1'],
    ['Text', 'text', 'Text1'],
    ['Button', 'button', 'Button1'],
    ['Table', 'table', 'Table1'],
  ] as const)(
    'adds a %s from "Add widget", named %s, and opens its properties',
    async (label, type, name) => {
      const { user, spy } = renderPage();
      expect(screen.getByText(/The page is empty/)).toBeInTheDocument();
      await user.click(addWidgetButton()!);
      await user.click(await screen.findByRole('menuitem', { name: label }));
      await waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
      expect(spy.latest().map((w) => [w.type, w.name])).toEqual([[type, name]]);
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
      expect(
        within(properties(name)).getByRole('heading', { name: `${label} properties` }),
      ).toBeInTheDocument();
      expect(field(name, 'Name')).toHaveValue(name);
      expect(screen.queryByText(/The page is empty/)).not.toBeInTheDocument();
    },
  );

  it('names a second widget of a type with the next free number, skipping query names', async () => {
    const { user, spy } = renderPage([widget('input', 'Input1'), widget('table', 'Input2')]);
    await user.click(addWidgetButton()!);
    await user.click(await screen.findByRole('menuitem', { name: 'Input' }));
    await waitFor(() => expect(properties('Input3')).toBeInTheDocument());
    expect(spy.latest().map((w) => w.name)).toEqual(['Input1', 'Input2', 'Input3']);
  });

  it('shows each type’s own properties', async () => {
    const { user } = renderPage([
      widget('table', 'Table1'),
      widget('button', 'Button1'),
      widget('select', 'Select1'),
    ]);
    await user.click(screen.getByRole('button', { name: 'Table1' }));
    expect(field('Table1', 'Table data')).toBeInTheDocument();
    expect(
      within(properties('Table1')).getByRole('combobox', { name: 'Rows per page' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Button1' }));
    // The same panel, now for another widget: its Name follows.
    expect(field('Button1', 'Name')).toHaveValue('Button1');
    expect(
      within(properties('Button1')).getByRole('combobox', { name: 'Run query' }),
    ).toBeInTheDocument();
    expect(
      within(properties('Button1')).getByRole('combobox', { name: 'On success, run query' }),
    ).toBeInTheDocument();
    expect(field('Button1', 'On success, show message')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Select1' }));
    expect(editorText(field('Select1', 'Options'))).toBe('canceled');
  });

  it('deletes the selected widget', async () => {
    const { user, spy } = renderPage([widget('input', 'Input1'), widget('text', 'Text1')]);
    await user.click(screen.getByRole('button', { name: 'Input1' }));
    await user.click(within(properties('Input1')).getByRole('button', { name: 'Delete Input1' }));
    expect(spy.latest().map((w) => w.name)).toEqual(['Text1']);
    expect(screen.queryByRole('form', { name: /^Properties of/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Input1' })).not.toBeInTheDocument();
  });
});

describe('PageEditor: Edit and View', () => {
  it('Edit arranges (widgets inert, "Add widget" shown); View makes the widgets work', async () => {
    const { user } = renderPage([
      widget('input', 'Input1', { label: 'To' }),
      widget('text', 'Text1', { text: 'Hello {{Input1.text}}!' }),
    ]);
    expect(addWidgetButton()).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit' })).toHaveAttribute('aria-pressed', 'true');
    // In Edit mode the widgets are hidden from assistive technology and do not take input.
    expect(screen.queryByRole('textbox', { name: 'To' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'View' }));
    expect(screen.getByRole('button', { name: 'View' })).toHaveAttribute('aria-pressed', 'true');
    expect(addWidgetButton()).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Input1' })).not.toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'To' }), 'Ann');
    expect(screen.getByText('Hello Ann!')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit' }));
    expect(addWidgetButton()).toBeInTheDocument();
    expect(screen.getByText('Hello Ann!')).toBeInTheDocument(); // what was typed stays
  });

  it('in Edit mode a click on a widget selects it instead of using it', async () => {
    const { user, spy } = renderPage([
      widget('button', 'Button1', { label: 'Send' }),
      widget('input', 'Input1'),
    ]);
    // The widget itself takes no pointer events in Edit mode: the click lands on its frame.
    expect(
      getComputedStyle(screen.getByText('Send').closest('[aria-hidden="true"]')!).pointerEvents,
    ).toBe('none');
    await user.click(screen.getByText('Send').closest<HTMLElement>('.MuiPaper-root')!);
    expect(spy.click).not.toHaveBeenCalled();
    expect(properties('Button1')).toBeInTheDocument();
  });
});

describe('PageEditor: the property panel', () => {
  it('a label with a binding shows its evaluated value under the field, and the widget shows it', async () => {
    const { user, spy } = renderPage([widget('input', 'Input1')]);
    await user.click(screen.getByRole('button', { name: 'Input1' }));
    const label = field('Input1', 'Label');
    await clearEditor(label);
    await typeInEditor(label, 'To {{ 1 + 1 }}');
    expect(within(properties('Input1')).getByText('= "To 2"')).toBeInTheDocument();
    expect(spy.latest()[0]!.props.label).toBe('To {{ 1 + 1 }}');

    await user.click(screen.getByRole('button', { name: 'View' }));
    expect(screen.getByRole('textbox', { name: 'To 2' })).toBeInTheDocument();
  });

  it('a binding that fails shows the error with its position, on the field and on the widget', async () => {
    const { user } = renderPage([widget('input', 'Input1')]);
    await user.click(screen.getByRole('button', { name: 'Input1' }));
    const label = field('Input1', 'Label');
    await clearEditor(label);
    await pasteInEditor(label, 'To {{ Nobody.text }}');
    const preview = within(properties('Input1')).getByText(/^Error at character/);
    expect(preview).toHaveTextContent(/^Error at character 4: .*Nobody/);
    expect(label).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/^label: .*Nobody/)).toBeInTheDocument();

    await clearEditor(label);
    await pasteInEditor(label, 'To {{ 1 + }}');
    expect(
      within(properties('Input1')).getByText(/^Error at character (\d+):/).textContent,
    ).toMatch(/^Error at character (9|10|11|12):/);
  });

  it('a text without a binding has no preview', async () => {
    const { user } = renderPage([widget('input', 'Input1')]);
    await user.click(screen.getByRole('button', { name: 'Input1' }));
    await clearEditor(field('Input1', 'Label'));
    await pasteInEditor(field('Input1', 'Label'), 'Recipient');
    expect(within(properties('Input1')).queryByText(/^= /)).not.toBeInTheDocument();
    expect(within(properties('Input1')).queryByText(/^Error at/)).not.toBeInTheDocument();
  });

  it('the Required switch makes the input required and invalid while empty', async () => {
    const { user, spy } = renderPage([
      widget('input', 'Input1', { label: 'To' }),
      widget('text', 'Text1', { text: 'valid: {{Input1.isValid}}' }),
    ]);
    await user.click(screen.getByRole('button', { name: 'Input1' }));
    await user.click(within(properties('Input1')).getByRole('switch', { name: 'Required' }));
    expect(spy.latest()[0]!.props.required).toBe(true);
    expect(screen.getByText('valid: false')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'View' }));
    const input = screen.getByRole('textbox', { name: 'To' });
    expect(input).toBeRequired();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    await user.type(input, '+1555');
    expect(input).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByText('valid: true')).toBeInTheDocument();
  });

  it('sets what a Button does when clicked', async () => {
    const { user, spy } = renderPage([widget('button', 'Button1'), widget('input', 'Input1')]);
    await user.click(screen.getByRole('button', { name: 'Button1' }));
    await user.click(within(properties('Button1')).getByRole('combobox', { name: 'Run query' }));
    await user.click(await screen.findByRole('option', { name: 'SendSms' }));
    await user.click(
      within(properties('Button1')).getByRole('combobox', { name: 'On success, run query' }),
    );
    await user.click(await screen.findByRole('option', { name: 'ListMessages' }));
    await user.click(
      within(properties('Button1')).getByRole('combobox', { name: 'On success, reset widgets' }),
    );
    await user.click(await screen.findByRole('option', { name: 'Input1' }));
    await user.keyboard('{Escape}');
    await user.click(field('Button1', 'On success, show message'));
    await user.paste('Sent {{SendSms.data.sid}}');
    expect(spy.latest()[0]!.action).toEqual({
      runQuery: 'SendSms',
      onSuccessRunQuery: 'ListMessages',
      onSuccessMessage: 'Sent {{SendSms.data.sid}}',
      onSuccessReset: ['Input1'],
    });
  });

  it('reports bindings that read each other in a loop', () => {
    renderPage([
      widget('text', 'Text1', { text: '{{Text2.text}}' }),
      widget('text', 'Text2', { text: '{{Text1.text}}' }),
    ]);
    const alert = screen.getByText(/These bindings read each other in a loop/);
    expect(alert.textContent).toMatch(/Text(1|2)\.text -> Text(1|2)\.text -> Text(1|2)\.text/);
  });
});

describe('PageEditor: renaming', () => {
  it('renaming a widget updates the bindings that read it, in every widget, and outside the page', async () => {
    const { user, spy } = renderPage([
      widget('input', 'Input1', { label: 'To' }),
      widget('text', 'Text1', {
        text: "Hi {{Input1.text}}, 'Input1' stays, {{Table1.Input1}} too",
      }),
      widget(
        'button',
        'Button1',
        {},
        {
          action: {
            runQuery: 'SendSms',
            onSuccessRunQuery: '',
            onSuccessMessage: 'Sent to {{Input1.text}}',
            onSuccessReset: ['Input1'],
          },
        },
      ),
      widget('input', 'Input10', { defaultText: '{{Input10.text}}{{Input1.isValid}}' }),
    ]);
    await user.click(screen.getByRole('button', { name: 'Input1' }));
    const name = field('Input1', 'Name');
    await user.clear(name);
    await user.type(name, 'Recipient');
    await user.tab();

    const [input, text, button, other] = spy.latest();
    expect(input!.name).toBe('Recipient');
    expect(text!.props.text).toBe("Hi {{Recipient.text}}, 'Input1' stays, {{Table1.Input1}} too");
    expect(button!.action).toMatchObject({
      onSuccessMessage: 'Sent to {{Recipient.text}}',
      onSuccessReset: ['Recipient'],
    });
    expect(other!.props.defaultText).toBe('{{Input10.text}}{{Recipient.isValid}}');
    expect(spy.renamedOutside).toHaveBeenCalledWith('Input1', 'Recipient');
    expect(screen.getByRole('button', { name: 'Recipient' })).toBeInTheDocument();
    expect(properties('Recipient')).toBeInTheDocument();
  });

  it('refuses a name that is taken (by a widget or a query, in any case), is not an identifier, or bindings never read', async () => {
    const { user, spy } = renderPage([widget('input', 'Input1'), widget('text', 'Text1')]);
    await user.click(screen.getByRole('button', { name: 'Input1' }));
    const name = field('Input1', 'Name');
    for (const [typed, message] of [
      ['text1', 'text1 is already used by a widget or query'],
      ['SendSms', 'SendSms is already used by a widget or query'],
      ['1st', 'Start with a letter or _, then letters, digits or _'],
      ['my input', 'Start with a letter or _, then letters, digits or _'],
      [
        'constructor',
        'constructor cannot be a name: {{ }} bindings never read __proto__, constructor, prototype or __defineGetter__ and the like',
      ],
    ]) {
      await user.clear(name);
      await user.type(name, `${typed}{Enter}`);
      expect(name).toHaveAttribute('aria-invalid', 'true');
      expect(within(properties('Input1')).getByText(message!)).toBeInTheDocument();
    }
    await user.tab();
    expect(spy.renamedOutside).not.toHaveBeenCalled();
    expect(spy.latest().map((w) => w.name)).toEqual(['Input1', 'Text1']);
  });
});

describe('PageEditor: renaming, case', () => {
  it('lets a widget change only the case of its own name', async () => {
    const { user, spy } = renderPage([
      widget('input', 'input1'),
      widget('text', 'Text1', { text: '{{input1.text}}' }),
    ]);
    await user.click(screen.getByRole('button', { name: 'input1' }));
    const name = field('input1', 'Name');
    await user.clear(name);
    await user.type(name, 'Input1{Enter}');
    expect(name).toHaveAttribute('aria-invalid', 'false');
    expect(spy.renamedOutside).toHaveBeenCalledWith('input1', 'Input1');
    expect(spy.latest().map((w) => w.name)).toEqual(['Input1', 'Text1']);
    expect(spy.latest()[1]!.props.text).toBe('{{Input1.text}}');
  });
});

describe('PageEditor: Button', () => {
  it('in View mode a click calls the host with the Button, its label evaluated', async () => {
    const button = widget(
      'button',
      'Button1',
      { label: 'Send to {{Input1.text}}' },
      {
        action: {
          runQuery: 'SendSms',
          onSuccessRunQuery: 'ListMessages',
          onSuccessMessage: '',
          onSuccessReset: [],
        },
      },
    );
    const { user, spy } = renderPage([widget('input', 'Input1', { label: 'To' }), button], {
      mode: 'view',
    });
    await user.type(screen.getByRole('textbox', { name: 'To' }), 'Ann');
    await user.click(screen.getByRole('button', { name: 'Send to Ann' }));
    expect(spy.click).toHaveBeenCalledTimes(1);
    expect(spy.click.mock.calls[0]![0]).toMatchObject({
      name: 'Button1',
      action: { runQuery: 'SendSms', onSuccessRunQuery: 'ListMessages' },
    });
  });
});
