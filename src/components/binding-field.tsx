import { Box, List, ListItemButton, ListItemText, Paper, Popper, TextField, Typography, type TextFieldProps } from '@mui/material';
import { useMemo, useRef, useState } from 'react';

// A text field that may hold {{ }} bindings: it suggests names and their properties after `{{`
// and shows the evaluated value (or the error, with its position) under the field, as Appsmith's
// evaluated-value popup does.

export interface BindingPreview {
  value: unknown;
  errors: readonly { message: string; position: number }[];
}

export interface BindingFieldProps extends Omit<TextFieldProps, 'value' | 'onChange'> {
  value: string;
  onChange(value: string): void;
  /** Names in scope and what each exposes, for suggestions. */
  suggestions: Record<string, string[]>;
  evaluate(text: string): BindingPreview;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(value);
  }
}

/** The word being typed inside an open `{{` before the caret: "Inp" or "Input1.te". */
function pendingReference(text: string, caret: number): string | null {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open === -1 || before.lastIndexOf('}}') > open) return null;
  const m = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.?|)$/.exec(before.slice(open + 2));
  return m ? m[1]! : null;
}

export function BindingField({ value, onChange, suggestions, evaluate, helperText, inputRef: outerRef, onBlur, slotProps, ...rest }: BindingFieldProps) {
  const inputRef = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const [caret, setCaret] = useState(0);
  const [focused, setFocused] = useState(false);
  const hasBinding = value.includes('{{');
  const preview = useMemo(() => (hasBinding ? evaluate(value) : null), [hasBinding, value, evaluate]);
  const pending = focused ? pendingReference(value, caret) : null;

  const options = useMemo(() => {
    if (pending === null) return [];
    const dot = pending.lastIndexOf('.');
    if (dot === -1) return Object.keys(suggestions).filter((n) => n.toLowerCase().startsWith(pending.toLowerCase())).slice(0, 12);
    const root = pending.slice(0, pending.indexOf('.'));
    const prefix = pending.slice(dot + 1).toLowerCase();
    if (pending.indexOf('.') !== dot) return [];
    return (suggestions[root] ?? []).filter((p) => p.toLowerCase().startsWith(prefix)).map((p) => `${root}.${p}`);
  }, [pending, suggestions]);

  const accept = (option: string) => {
    if (pending === null) return;
    const start = caret - pending.length;
    const next = value.slice(0, start) + option + value.slice(caret);
    onChange(next);
    const position = start + option.length;
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.setSelectionRange(position, position);
      setCaret(position);
    });
  };

  const error = preview && preview.errors.length > 0 ? preview.errors[0]! : null;
  return (
    <Box>
      <TextField
        {...rest}
        value={value}
        inputRef={(el: HTMLInputElement | HTMLTextAreaElement | null) => {
          inputRef.current = el;
          // A form library's ref (react-hook-form focuses the field to fix) gets the element too.
          if (typeof outerRef === 'function') outerRef(el);
          else if (outerRef && typeof outerRef === 'object') (outerRef as { current: unknown }).current = el;
        }}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart ?? e.target.value.length);
        }}
        onSelect={(e) => setCaret((e.target as HTMLInputElement).selectionStart ?? 0)}
        onFocus={() => setFocused(true)}
        onBlur={(e) => {
          onBlur?.(e);
          setTimeout(() => setFocused(false), 150);
        }}
        error={rest.error || error !== null}
        helperText={helperText}
        slotProps={{ ...slotProps, htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' }, 'aria-autocomplete': 'list', ...(slotProps?.htmlInput as object) } }}
        fullWidth
      />
      {preview && (
        <Typography
          variant="caption"
          component="div"
          role="status"
          sx={{ mt: 0.5, px: 1, py: 0.5, borderRadius: 1, bgcolor: 'action.hover', fontFamily: 'monospace', wordBreak: 'break-all', color: error ? 'error.main' : 'text.secondary' }}
        >
          {error ? `Error at character ${error.position + 1}: ${error.message}` : `= ${describe(preview.value)}`}
        </Typography>
      )}
      <Popper open={options.length > 0} anchorEl={inputRef.current} placement="bottom-start" sx={{ zIndex: 1500 }}>
        <Paper elevation={4}>
          <List dense role="listbox" aria-label="Binding suggestions">
            {options.map((o) => (
              <ListItemButton key={o} role="option" onMouseDown={(e) => e.preventDefault()} onClick={() => accept(o)}>
                <ListItemText primary={o} slotProps={{ primary: { sx: { fontFamily: 'monospace' } } }} />
              </ListItemButton>
            ))}
          </List>
        </Paper>
      </Popper>
    </Box>
  );
}
