import { Box, TextField, Typography, type TextFieldProps } from '@mui/material';
import { useCallback, useId, useMemo } from 'react';
import { CodeInput, type EditorProps } from './code-input';
import { describeValue } from './describe-value';
import type { SuggestionSource } from './completions';
import type { ErrorRange } from './extensions';

// A field that may hold {{ }} bindings: a CodeMirror editor inside an MUI TextField that
// highlights the bindings, underlines a binding's error where it is, suggests names and their
// properties after `{{`, and shows the evaluated value (or the error, with its position) under the
// field, as Appsmith's evaluated-value popup does.

export interface BindingPreview {
  value: unknown;
  errors: readonly { message: string; position: number; end?: number }[];
}

export interface BindingFieldProps extends Omit<
  TextFieldProps,
  'value' | 'onChange' | 'select' | 'type'
> {
  value: string;
  onChange(value: string): void;
  /** Names in scope and what each exposes, for suggestions and highlighting. */
  suggestions?: Record<string, string[]>;
  /** Evaluates the field's text, for the preview; without it the field shows no preview. */
  evaluate?(text: string): BindingPreview;
}

/** The evaluated value of a field's text, or its first error with the position (1-based). */
export function BindingPreviewLine({ preview }: { preview: BindingPreview }) {
  const error = preview.errors.length > 0 ? preview.errors[0]! : null;
  return (
    <Typography
      variant="caption"
      component="div"
      role="status"
      sx={{
        mt: 0.5,
        px: 1,
        py: 0.5,
        borderRadius: 1,
        bgcolor: 'action.hover',
        fontFamily: 'monospace',
        wordBreak: 'break-all',
        color: error ? 'error.main' : 'text.secondary',
      }}
    >
      {error
        ? `Error at character ${error.position + 1}: ${error.message}`
        : `= ${describeValue(preview.value)}`}
    </Typography>
  );
}

const NO_NAMES: Record<string, string[]> = {};

export function BindingField({
  value,
  onChange,
  suggestions = NO_NAMES,
  evaluate,
  helperText,
  id,
  multiline = false,
  minRows,
  maxRows,
  slotProps,
  sx,
  ...rest
}: BindingFieldProps) {
  const autoId = useId();
  const fieldId = id ?? `binding${autoId.replace(/[^\w-]/g, '')}`;
  const preview = useMemo(
    () => (evaluate && value.includes('{{') ? evaluate(value) : null),
    [evaluate, value],
  );
  const error = preview && preview.errors.length > 0 ? preview.errors[0]! : null;

  const valueOf = useCallback(
    (path: string) => {
      const result = evaluate?.(`{{${path}}}`);
      return result && result.errors.length === 0 ? result.value : undefined;
    },
    [evaluate],
  );
  const source = useMemo<SuggestionSource>(
    () => ({ names: suggestions, valueOf }),
    [suggestions, valueOf],
  );
  const errors = useMemo<ErrorRange[]>(
    () =>
      (preview?.errors ?? []).map((e) => ({
        from: Math.max(0, e.position),
        to: e.end ?? e.position + 1,
        message: e.message,
      })),
    [preview],
  );
  const editor: EditorProps = {
    multiline: !!multiline,
    minRows: typeof minRows === 'number' ? minRows : undefined,
    maxRows: typeof maxRows === 'number' ? maxRows : undefined,
    source,
    errors,
    onDocChange: onChange,
  };

  return (
    <Box>
      <TextField
        {...rest}
        id={fieldId}
        value={value}
        multiline={multiline}
        error={rest.error || error !== null}
        helperText={helperText}
        fullWidth
        sx={[
          { '& .MuiInputBase-input': { height: 'auto' } },
          ...(Array.isArray(sx) ? sx : sx ? [sx] : []),
        ]}
        slotProps={{
          ...slotProps,
          // The editor is never an empty <input> MUI could measure, so the label always sits on the outline.
          inputLabel: { shrink: true, ...(slotProps?.inputLabel as object) },
          input: { ...(slotProps?.input as object), inputComponent: CodeInput as never },
          htmlInput: { ...(slotProps?.htmlInput as object), editor },
        }}
      />
      {preview && <BindingPreviewLine preview={preview} />}
    </Box>
  );
}
