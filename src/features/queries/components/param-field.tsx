import { Autocomplete, FormControlLabel, FormHelperText, MenuItem, Stack, Switch, TextField, Typography } from '@mui/material';
import { Controller, type Control } from 'react-hook-form';
import type { FieldDefinition } from '../../../contract/commands/types';
import type { Lookups } from '../../../contract/lookups';
import type { TextResolver } from '../resolve-params';
import { BindingField } from '../../../components/binding-field';
import { BodyField } from './body-field';
import { SendAtField } from './send-at-field';

/** Choices the account offers for some fields (its numbers, verified caller IDs, services). */
export type FieldChoices = Lookups;

export interface ParamFieldProps {
  field: FieldDefinition;
  control: Control<Record<string, unknown>>;
  choices: FieldChoices | undefined;
  idPrefix: string;
  now: () => number;
  /** Evaluates {{ }} bindings, for the preview under a field that holds one. */
  resolveText?: TextResolver;
  /** Names in scope and what each exposes: offered after `{{` in text fields. */
  suggestions?: Record<string, string[]>;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The evaluated value of a field with bindings, or the binding's error. */
function BindingPreviewLine({ text, field, resolveText }: { text: string; field: string; resolveText: TextResolver }) {
  const { value, error } = resolveText(text, field);
  return (
    <Typography
      variant="caption"
      component="div"
      role="status"
      sx={{ mt: 0.5, px: 1, borderRadius: 1, bgcolor: 'action.hover', fontFamily: 'monospace', wordBreak: 'break-all', color: error ? 'error.main' : 'text.secondary' }}
    >
      {error ? `Binding error: ${error}` : `= ${describe(value)}`}
    </Typography>
  );
}

const mono = { spellCheck: false, style: { fontFamily: 'monospace' } };

function suggestionsFor(field: FieldDefinition, choices: FieldChoices | undefined): string[] {
  if (!choices) return [];
  if (field.name === 'from') return [...choices.phoneNumbers, ...choices.phoneNumbers.map((n) => `whatsapp:${n}`)];
  if (field.name === 'to' && choices.trial) return choices.verifiedCallerIds;
  if (field.name === 'messagingServiceSid') return choices.messagingServiceSids;
  return [];
}

export function ParamField({ field, control, choices, idPrefix, now, resolveText, suggestions }: ParamFieldProps) {
  const id = `${idPrefix}-${field.name}`;
  return (
    <Controller
      name={field.name}
      control={control}
      render={(props) => {
        const text = typeof props.field.value === 'string' ? props.field.value : '';
        const input = renderInput(props);
        // A binding field shows its own evaluated value.
        if (input.type === BindingField) return input;
        return resolveText && text.includes('{{') ? (
          <div>
            {input}
            <BindingPreviewLine text={text} field={field.name} resolveText={resolveText} />
          </div>
        ) : (
          input
        );
      }}
    />
  );

  function renderInput({ field: f, fieldState }: Parameters<Parameters<typeof Controller>[0]['render']>[0]) {
        const error = fieldState.error?.message;
        const common = {
          id,
          label: field.label,
          required: field.required,
          error: !!error,
          placeholder: field.placeholder,
          inputRef: f.ref,
          onBlur: f.onBlur,
          name: f.name,
          fullWidth: true,
        };
        const text = typeof f.value === 'string' ? f.value : '';
        const helper = error ?? field.help;
        switch (field.kind) {
          case 'redact':
            return (
              <Stack>
                <FormControlLabel
                  control={<Switch id={id} checked={f.value === true} onChange={(e) => f.onChange(e.target.checked)} />}
                  label="Redact body (set Body to an empty string)"
                />
                <FormHelperText error={!!error}>{helper}</FormHelperText>
              </Stack>
            );
          case 'select':
            return (
              <TextField {...common} select value={text} onChange={(e) => f.onChange(e.target.value)} helperText={helper}>
                <MenuItem value="">
                  <em>(none)</em>
                </MenuItem>
                {field.options?.map((o) => (
                  <MenuItem key={o.value} value={o.value}>
                    {o.label}
                  </MenuItem>
                ))}
              </TextField>
            );
          case 'multiline':
            return <BodyField {...common} value={text} onChange={(e) => f.onChange(e.target.value)} help={field.help} helperText={error} />;
          case 'url-list':
            return (
              <TextField {...common} multiline minRows={2} value={text} onChange={(e) => f.onChange(e.target.value)} helperText={helper} slotProps={{ htmlInput: mono }} />
            );
          case 'datetime':
            return (
              <SendAtField
                {...common}
                value={text}
                onChange={f.onChange}
                now={now}
                minSeconds={choices?.scheduleMinSeconds ?? 900}
                helperText={error}
              />
            );
          default: {
            const options = suggestionsFor(field, choices);
            if (options.length > 0) {
              return (
                <Autocomplete
                  id={id}
                  freeSolo
                  options={options}
                  inputValue={text}
                  onInputChange={(_e, value) => f.onChange(value)}
                  renderInput={(params) => {
                    const { id: _ignored, ...rest } = common;
                    return (
                      <TextField
                        {...params}
                        {...rest}
                        helperText={helper}
                        slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, ...mono } }}
                      />
                    );
                  }}
                />
              );
            }
            if (suggestions && resolveText) {
              return (
                <BindingField
                  {...common}
                  value={text}
                  onChange={(v) => f.onChange(v)}
                  helperText={helper}
                  suggestions={suggestions}
                  evaluate={(t) => {
                    const r = resolveText(t, field.name);
                    return { value: r.value, errors: r.error ? [{ message: r.error, position: t.indexOf('{{') }] : [] };
                  }}
                  slotProps={{ htmlInput: { inputMode: field.kind === 'number' ? 'numeric' : undefined } }}
                />
              );
            }
            return (
              <TextField
                {...common}
                value={text}
                onChange={(e) => f.onChange(e.target.value)}
                helperText={helper}
                slotProps={{ htmlInput: { ...mono, inputMode: field.kind === 'number' ? 'numeric' : undefined } }}
              />
            );
          }
        }
  }
}
