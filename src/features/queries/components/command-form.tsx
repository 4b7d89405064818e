import { Stack } from '@mui/material';
import { useEffect, useImperativeHandle, type Ref } from 'react';
import { useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { COMMANDS } from '../../../contract/commands/definitions';
import type { CommandId } from '../../../contract/commands/types';
import { validateCommand } from '../../../contract/commands/validate';
import { DEFAULT_SCHEDULE_MIN_SECONDS } from '../../../contract/twilio-limits';
import { resolveParams, type RawParams, type TextResolver } from '../resolve-params';
import { ParamField, type FieldChoices } from './param-field';

// One command's form, built from the shared contract. Values are checked exactly as the server
// will check them: bindings resolved, then the command's schema with the current time and the
// datasource's scheduling window.

export interface CommandFormHandle {
  /** Validates and marks the fields; resolves the values to send, or null (first bad field focused). */
  validate(): Promise<Record<string, unknown> | null>;
  setFieldError(field: string, message: string): void;
  focus(field: string): void;
}

export interface CommandFormProps {
  command: CommandId;
  defaultValues: RawParams;
  onValuesChange(values: RawParams): void;
  choices: FieldChoices | undefined;
  now: () => number;
  resolveText?: TextResolver;
  suggestions?: Record<string, string[]>;
  ref?: Ref<CommandFormHandle>;
}

type FormValues = Record<string, unknown>;

export function CommandForm({
  command,
  defaultValues,
  onValuesChange,
  choices,
  now,
  resolveText,
  suggestions,
  ref,
}: CommandFormProps) {
  const definition = COMMANDS[command];
  const resolver: Resolver<FormValues> = (raw) => {
    const resolved = resolveParams(definition.fields, raw, resolveText);
    const errors: Record<string, { type: string; message: string }> = {};
    for (const e of resolved.errors) errors[e.field] ??= { type: 'binding', message: e.message };
    const checked = validateCommand(command, resolved.values, {
      now: now(),
      scheduleMinSeconds: choices?.scheduleMinSeconds ?? DEFAULT_SCHEDULE_MIN_SECONDS,
    });
    if (!checked.ok)
      for (const e of checked.errors)
        errors[e.field || definition.fields[0]!.name] ??= { type: 'contract', message: e.message };
    return Object.keys(errors).length > 0
      ? { values: {}, errors: errors as FieldErrors<FormValues> }
      : { values: checked.ok ? checked.values : {}, errors: {} };
  };
  const form = useForm<FormValues>({ defaultValues, resolver, mode: 'onTouched' });

  useEffect(() => {
    const subscription = form.watch((values) => onValuesChange({ ...values }));
    return () => subscription.unsubscribe();
  }, [form, onValuesChange]);

  useImperativeHandle(ref, () => ({
    async validate() {
      let sent: Record<string, unknown> | null = null;
      await form.handleSubmit(
        (values) => {
          sent = values;
        },
        () => {
          sent = null;
        },
      )();
      return sent;
    },
    setFieldError(field, message) {
      const known = definition.fields.some((f) => f.name === field);
      form.setError(known ? field : definition.fields[0]!.name, { message }, { shouldFocus: true });
    },
    focus(field) {
      form.setFocus(field);
      document.getElementById(`cmd-${command}-${field}`)?.focus();
    },
  }));

  return (
    <Stack
      spacing={2.5}
      component="fieldset"
      sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}
      aria-label={`${definition.label} parameters`}
    >
      {definition.fields.map((field) => (
        <ParamField
          key={field.name}
          field={field}
          control={form.control}
          choices={choices}
          idPrefix={`cmd-${command}`}
          now={now}
          resolveText={resolveText}
          suggestions={suggestions}
        />
      ))}
    </Stack>
  );
}
