// @vitest-environment jsdom
import { ThemeProvider } from '@mui/material';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { evaluateTemplate } from '../../../src/bindings';
import { BindingField } from '../../../src/components/binding-field';
import { createQuietTheme } from '../../helpers/quiet-theme';

// The field that holds {{ }} bindings: suggestions after {{, the evaluated value or the error.

const SUGGESTIONS = {
  Input1: ['text', 'isValid'],
  Input2: ['text', 'isValid'],
  SendSms: ['data', 'isLoading', 'error', 'responseMeta'],
};
const SCOPE = { Input1: { text: '+15558675310', isValid: true }, Input2: { text: 'Hello', isValid: true }, SendSms: { data: { sid: 'SM1' } } };

const theme = createQuietTheme();

function Field({ initial = '', onValue }: { initial?: string; onValue?: (v: string) => void }) {
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
        suggestions={SUGGESTIONS}
        evaluate={(text) => evaluateTemplate(text, SCOPE)}
      />
    </ThemeProvider>
  );
}

const suggestions = () => screen.queryByRole('listbox', { name: 'Binding suggestions' });
const optionNames = () => within(suggestions()!).getAllByRole('option').map((o) => o.textContent);

describe('BindingField', () => {
  it('suggests names after {{ and accepting one inserts it', async () => {
    const user = userEvent.setup();
    const onValue = vi.fn();
    render(<Field onValue={onValue} />);
    const input = screen.getByRole('textbox', { name: 'To' });
    await user.type(input, '{{{{Inp');
    await waitFor(() => expect(suggestions()).toBeInTheDocument());
    expect(optionNames()).toEqual(['Input1', 'Input2']);
    await user.click(within(suggestions()!).getByRole('option', { name: 'Input1' }));
    expect(input).toHaveValue('{{Input1');
    expect(onValue).toHaveBeenLastCalledWith('{{Input1');
  });

  it('suggests properties after a name and a dot', async () => {
    const user = userEvent.setup();
    render(<Field />);
    const input = screen.getByRole('textbox', { name: 'To' });
    await user.type(input, 'Hi {{{{Input1.');
    await waitFor(() => expect(suggestions()).toBeInTheDocument());
    expect(optionNames()).toEqual(['Input1.text', 'Input1.isValid']);
    await user.type(input, 'te');
    await waitFor(() => expect(optionNames()).toEqual(['Input1.text']));
    await user.click(within(suggestions()!).getByRole('option', { name: 'Input1.text' }));
    expect(input).toHaveValue('Hi {{Input1.text');
    await waitFor(() => expect(input).toHaveFocus());
    await user.type(input, '}}', { initialSelectionStart: 16, initialSelectionEnd: 16 });
    expect(input).toHaveValue('Hi {{Input1.text}}');
    expect(screen.getByText('= "Hi +15558675310"')).toBeInTheDocument();
  });

  it('suggests nothing outside {{ }} or after it is closed', async () => {
    const user = userEvent.setup();
    render(<Field />);
    const input = screen.getByRole('textbox', { name: 'To' });
    await user.type(input, 'Inp');
    expect(suggestions()).not.toBeInTheDocument();
    await user.type(input, ' {{{{Input1.text}} Inp');
    expect(suggestions()).not.toBeInTheDocument();
  });

  it('shows the raw value of a field that is exactly one binding', () => {
    render(<Field initial="{{SendSms.data}}" />);
    expect(screen.getByRole('status')).toHaveTextContent('= {"sid":"SM1"}');
  });

  it('shows an error with its position (1-based) and marks the field invalid', () => {
    render(<Field initial="To: {{ Missing.text }}" />);
    expect(screen.getByRole('status')).toHaveTextContent(/^Error at character 5: .*Missing/);
    expect(screen.getByRole('textbox', { name: 'To' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows no preview for plain text', () => {
    render(<Field initial="+15558675310" />);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'To' })).toHaveAttribute('aria-invalid', 'false');
  });
});
