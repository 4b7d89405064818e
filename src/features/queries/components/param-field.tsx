import {
  Autocomplete,
  FormControlLabel,
  FormHelperText,
  MenuItem,
  Stack,
  Switch,
  TextField,
} from '@mui/material';
import { useMemo } from 'react';
import { Controller, type Control } from 'react-hook-form';
import type { FieldDefinition } from '../../../contract/commands/types';
import type { Lookups } from '../../../contract/lookups';
import { DEFAULT_SCHEDULE_MIN_SECONDS } from '../../../contract/twilio-limits';
import type { TextResolver } from '../resolve-params';
import {
  BindingField,
  BindingPreviewLine,
  type BindingPreview,
} from '../../../components/binding-field';
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

const mono = { spellCheck: false, style: { fontFamily: 'monospace' } };

function accountChoicesFor(field: FieldDefinition, choices: FieldChoices | undefined): string[] {
  if (!choices) return [];
  if (field.name === 'from')
    return [...choices.phoneNumbers, ...choices.phoneNumbers.map((n) => `whatsapp:${n}`)];
  if (field.name === 'to' && choices.trial) return choices.verifiedCallerIds;
  if (field.name === 'messagingServiceSid') return choices.messagingServiceSids;
  return [];
}

export function ParamField({
  field,
  control,
  choices,
  idPrefix,
  now,
  resolveText,
  suggestions,
}: ParamFieldProps) {
  const id = `${idPrefix}-${field.name}`;
  // The text fields are binding editors that show their own evaluated value; a select or a
  // combobox of the account's numbers gets the same preview line under it.
  const evaluate = useMemo(
    () =>
      resolveText
        ? (text: string): BindingPreview => {
            const r = resolveText(text, field.name);
            return {
              value: r.value,
              errors: r.error
                ? [{ message: r.error, position: r.position ?? text.indexOf('{{'), end: r.end }]
                : [],
            };
          }
        : undefined,
    [resolveText, field.name],
  );
  return (
    <Controller
      name={field.name}
      control={control}
      render={(props) => {
        const text = typeof props.field.value === 'string' ? props.field.value : '';
        const input = renderInput(props);
        if (
          input.type === BindingField ||
          input.type === BodyField ||
          input.type === SendAtField ||
          !evaluate ||
          !text.includes('{{')
        )
          return input;
        return (
          <div>
            {input}
            <BindingPreviewLine preview={evaluate(text)} />
          </div>
        );
      }}
    />
  );

  function renderInput({
    field: f,
    fieldState,
  }: Parameters<Parameters<typeof Controller>[0]['render']>[0]) {
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
              control={
                <Switch
                  id={id}
                  checked={f.value === true}
                  onChange={(e) => f.onChange(e.target.checked)}
                />
              }
              label="Redact body (set Body to an empty string)"
            />
            <FormHelperText error={!!error}>{helper}</FormHelperText>
          </Stack>
        );
      case 'select':
        return (
          <TextField
            {...common}
            select
            value={text}
            onChange={(e) => f.onChange(e.target.value)}
            helperText={helper}
          >
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
        return (
          <BodyField
            {...common}
            value={text}
            onChange={f.onChange}
            help={field.help}
            helperText={error}
            suggestions={suggestions}
            evaluate={evaluate}
          />
        );
      case 'url-list':
        return (
          <BindingField
            {...common}
            multiline
            minRows={2}
            value={text}
            onChange={f.onChange}
            helperText={helper}
            suggestions={suggestions}
            evaluate={evaluate}
          />
        );
      case 'datetime':
        return (
          <SendAtField
            {...common}
            value={text}
            onChange={f.onChange}
            now={now}
            minSeconds={choices?.scheduleMinSeconds ?? DEFAULT_SCHEDULE_MIN_SECONDS}
            helperText={error}
            suggestions={suggestions}
            evaluate={evaluate}
          />
        );
      default: {
        const options = accountChoicesFor(field, choices);
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
                    slotProps={{
                      ...params.slotProps,
                      htmlInput: { ...params.slotProps.htmlInput, ...mono },
                    }}
                  />
                );
              }}
            />
          );
        }
        return (
          <BindingField
            {...common}
            value={text}
            onChange={f.onChange}
            helperText={helper}
            suggestions={suggestions}
            evaluate={evaluate}
            slotProps={{
              htmlInput: { inputMode: field.kind === 'number' ? 'numeric' : undefined },
            }}
          />
        );
      }
    }
  }
}
