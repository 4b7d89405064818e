// @vitest-environment jsdom
import { ThemeProvider } from '@mui/material';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { evaluateTemplate } from '../../../../src/bindings';
import { BindingField } from '../../../../src/components/binding-field';
import {
  clearEditor,
  editorText,
  editorView,
  pasteInEditor,
  typeInEditor,
} from '../../../helpers/editor';
import { createQuietTheme } from '../../../helpers/quiet-theme';

// The field that holds {{ }} bindings: a CodeMirror editor in an MUI TextField that highlights
// bindings, suggests after {{, and shows the evaluated value or the error.

const SUGGESTIONS = {
  Input1: ['text', 'isValid'],
  Input2: ['text', 'isValid'],
  SendSms: ['data', 'isLoading', 'error', 'responseMeta'],
};
const SCOPE = {
  Input1: { text: '+15558675310', isValid: true },
  Input2: { text: 'Hello', isValid: true },
  SendSms: { data: { sid: 'SM1', status: 'queued', 'not-an-identifier': 1 } },
};

const theme = createQuietTheme();
/** @codemirror/autocomplete's default `interactionDelay`, which the field keeps. */
const INTERACTION_DELAY_MS = 75;

interface FieldOptions {
  initial?: string;
  onValue?: (v: string) => void;
  multiline?: boolean;
  required?: boolean;
  helperText?: string;
}

function Field({ initial = '', onValue, multiline, required, helperText }: FieldOptions) {
  const [value, setValue] = useState(initial);
  return (
    <ThemeProvider theme={theme}>
      <BindingField
        label="To"
        value={value}
        onChange={(v) => {
          setValue(v);
          onValue?.(v);
        }}
        multiline={multiline}
        required={required}
        helperText={helperText}
        suggestions={SUGGESTIONS}
        evaluate={(text) => evaluateTemplate(text, SCOPE)}
      />
      <button type="button" onClick={() => setValue('{{Input2.text}}')}>
        Set from outside
      </button>
    </ThemeProvider>
  );
}

const suggestions = () => screen.queryByRole('listbox', { name: 'Binding suggestions' });
const optionNames = () =>
  within(suggestions()!)
    .getAllByRole('option')
    .map((o) => o.textContent);
const textbox = () => screen.getByRole('textbox', { name: 'To' });

describe('BindingField', () => {
  it('is a labelled textbox that says it offers suggestions', () => {
    render(<Field required helperText="E.164, e.g. +15558675310" />);
    const input = textbox();
    expect(input).toHaveAttribute('aria-autocomplete', 'list');
    expect(input).toHaveAttribute('aria-required', 'true');
    expect(input).toHaveAttribute('aria-multiline', 'false');
    expect(input).toHaveAccessibleDescription('E.164, e.g. +15558675310');
  });

  it('suggests names after {{ and accepting one inserts it', async () => {
    const onValue = vi.fn();
    const user = userEvent.setup();
    render(<Field onValue={onValue} />);
    await typeInEditor(textbox(), '{{Inp');
    await waitFor(() => expect(suggestions()).toBeInTheDocument());
    expect(optionNames()).toEqual(['Input1', 'Input2']);
    await user.click(within(suggestions()!).getByRole('option', { name: 'Input1' }));
    expect(editorText(textbox())).toBe('{{Input1');
    expect(onValue).toHaveBeenLastCalledWith('{{Input1');
  });

  it('offers every name right after {{, and picks with the keyboard', async () => {
    // CodeMirror ignores keys for a moment after the list opens (by Date.now()), so that a key
    // meant for the text is not taken as a pick: the clock stands still until the test moves it.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    const user = userEvent.setup();
    render(<Field />);
    await typeInEditor(textbox(), 'Hi {{');
    await waitFor(() => expect(optionNames()).toEqual(['Input1', 'Input2', 'SendSms']));
    vi.advanceTimersByTime(INTERACTION_DELAY_MS);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(editorText(textbox())).toBe('Hi {{Input2');
    expect(suggestions()).not.toBeInTheDocument();
  });

  it('suggests properties after a name and a dot', async () => {
    const user = userEvent.setup();
    render(<Field />);
    await typeInEditor(textbox(), 'Hi {{Input1.');
    await waitFor(() => expect(suggestions()).toBeInTheDocument());
    expect(optionNames()).toEqual(['Input1.text', 'Input1.isValid']);
    await typeInEditor(textbox(), 'te');
    await waitFor(() => expect(optionNames()).toEqual(['Input1.text']));
    await user.click(within(suggestions()!).getByRole('option', { name: 'Input1.text' }));
    expect(editorText(textbox())).toBe('Hi {{Input1.text');
    await typeInEditor(textbox(), '}}');
    expect(editorText(textbox())).toBe('Hi {{Input1.text}}');
    expect(screen.getByText('= "Hi +15558675310"')).toBeInTheDocument();
  });

  it('suggests the keys of the value a deeper path evaluates to', async () => {
    render(<Field />);
    await typeInEditor(textbox(), '{{SendSms.data.');
    await waitFor(() => expect(optionNames()).toEqual(['SendSms.data.sid', 'SendSms.data.status']));
  });

  it('suggests nothing outside {{ }} or after it is closed', async () => {
    render(<Field />);
    await typeInEditor(textbox(), 'Inp');
    expect(suggestions()).not.toBeInTheDocument();
    await typeInEditor(textbox(), ' {{Input1.text}} Inp');
    expect(suggestions()).not.toBeInTheDocument();
  });

  it('highlights the braces, names, strings and numbers of a binding', () => {
    render(<Field initial={'Hi {{ Input1.text + " x" + 2 }} and {{Nope}}'} />);
    const input = textbox();
    const marked = (cls: string) =>
      Array.from(input.querySelectorAll(`.${cls}`)).map((e) => e.textContent);
    expect(marked('cm-binding-brace')).toEqual(['{{', '}}', '{{', '}}']);
    expect(marked('cm-binding-name')).toEqual(['Input1']);
    expect(marked('cm-binding-unknown')).toEqual(['Nope']);
    expect(marked('cm-binding-string')).toEqual(['" x"']);
    expect(marked('cm-binding-number')).toEqual(['2']);
    // Plain text is not inside any binding mark.
    expect(input.textContent).toBe('Hi {{ Input1.text + " x" + 2 }} and {{Nope}}');
  });

  it('underlines the part of the text a binding error is about, with the message as its title', () => {
    render(<Field initial="To: {{ Missing.text }}" />);
    // The mark is split where it meets the highlighting's marks; together they cover the binding.
    const parts = Array.from(textbox().querySelectorAll('.cm-binding-error'));
    expect(parts.map((p) => p.textContent).join('')).toBe('{{ Missing.text }}');
    expect(parts.every((p) => /Missing/.test(p.getAttribute('title') ?? ''))).toBe(true);
  });

  it('keeps a one-line field on one line: a pasted line break becomes a space', async () => {
    const onValue = vi.fn();
    render(<Field onValue={onValue} />);
    await pasteInEditor(textbox(), '+1555\n8675310');
    expect(editorText(textbox())).toBe('+1555 8675310');
    expect(onValue).toHaveBeenLastCalledWith('+1555 8675310');
  });

  it('lets a multi-line field hold line breaks', async () => {
    render(<Field multiline />);
    await pasteInEditor(textbox(), 'one\ntwo');
    expect(editorText(textbox())).toBe('one\ntwo');
    expect(textbox()).toHaveAttribute('aria-multiline', 'true');
  });

  it('shows a value set from outside without reporting it back as an edit', async () => {
    const onValue = vi.fn();
    const user = userEvent.setup();
    render(<Field initial="+1" onValue={onValue} />);
    await user.click(screen.getByRole('button', { name: 'Set from outside' }));
    expect(editorText(textbox())).toBe('{{Input2.text}}');
    expect(screen.getByRole('status')).toHaveTextContent('= "Hello"');
    expect(onValue).not.toHaveBeenCalled();
    await clearEditor(textbox());
    expect(onValue).toHaveBeenLastCalledWith('');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('undoes with Ctrl+Z', async () => {
    const user = userEvent.setup();
    render(<Field initial="abc" />);
    await typeInEditor(textbox(), 'd', { at: 3 });
    expect(editorText(textbox())).toBe('abcd');
    await user.keyboard('{Control>}z{/Control}');
    expect(editorText(textbox())).toBe('abc');
  });

  it('shows the raw value of a field that is exactly one binding', () => {
    render(<Field initial="{{SendSms.data.sid}}" />);
    expect(screen.getByRole('status')).toHaveTextContent('= "SM1"');
  });

  it('shows an error with its position (1-based) and marks the field invalid', () => {
    render(<Field initial="To: {{ Missing.text }}" />);
    expect(screen.getByRole('status')).toHaveTextContent(/^Error at character 5: .*Missing/);
    expect(textbox()).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows no preview for plain text', () => {
    render(<Field initial="+15558675310" />);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(textbox()).toHaveAttribute('aria-invalid', 'false');
    expect(editorView(textbox()).state.doc.toString()).toBe('+15558675310');
  });
});
