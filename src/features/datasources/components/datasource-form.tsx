import {
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Controller, useForm, type RefCallBack } from 'react-hook-form';
import { z } from 'zod';
import {
  authTypeSchema,
  datasourceConnectionSchema,
  datasourceNameSchema,
  targetSchema,
  type AuthType,
  type Datasource,
  type DatasourceInput,
  type Target,
} from '../../../contract/datasources';
import { EditConflictAlert } from '../../../components/edit-conflict-alert';
import { ApiError } from '../../../lib/api-client';
import { useEditConflict } from '../../../lib/edit-conflict';
import { zodResolver } from '../../../lib/zod-resolver';
import {
  datasourceQueryOptions,
  useCreateDatasource,
  useTestDatasource,
  useUpdateDatasource,
} from '../api/datasources';
import { TestResultAlert } from './test-result';

// The Twilio datasource wizard and editor. A saved secret is never shown: its field says it is
// saved and stays unchanged unless something is typed into it.

interface FormValues {
  name: string;
  target: Target;
  authType: AuthType;
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
}

// react-hook-form focuses a field through its ref: give it the <input>, not TextField's root <div>.
const textField = <F extends { ref: RefCallBack }>({ ref, ...field }: F) => ({
  ...field,
  inputRef: ref,
});

function schemaFor(editing: Datasource | undefined) {
  return z
    .object({
      name: datasourceNameSchema,
      target: targetSchema,
      authType: authTypeSchema,
      accountSid: z.string(),
      authToken: z.string(),
      apiKeySid: z.string(),
      apiKeySecret: z.string(),
    })
    .superRefine((v, ctx) => {
      // The secret is required for a new Twilio datasource, or when the way of signing in changes.
      const secretSaved = Boolean(
        editing && editing.authType === v.authType && editing.target === v.target,
      );
      // An empty field is one left out: the contract's rule says which may be.
      const given = Object.fromEntries(
        Object.entries(v).map(([field, value]) => [field, value === '' ? undefined : value]),
      );
      const parsed = datasourceConnectionSchema(secretSaved).safeParse(given);
      for (const issue of parsed.error?.issues ?? [])
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    });
}

function toInput(v: FormValues): DatasourceInput {
  const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
  return {
    name: v.name.trim(),
    target: v.target,
    authType: v.authType,
    accountSid: opt(v.accountSid),
    ...(v.authType === 'basic'
      ? { authToken: opt(v.authToken) }
      : { apiKeySid: opt(v.apiKeySid), apiKeySecret: opt(v.apiKeySecret) }),
  };
}

const valuesOf = (editing: Datasource | undefined): FormValues => ({
  name: editing?.name ?? '',
  target: editing?.target ?? 'twilio',
  authType: editing?.authType ?? 'basic',
  accountSid: editing?.accountSid ?? '',
  authToken: '',
  apiKeySid: editing?.apiKeySid ?? '',
  apiKeySecret: '',
});

/** What "Copy mine" copies: the form as typed, but never a secret. */
const withoutSecrets = ({ authToken: _t, apiKeySecret: _s, ...rest }: DatasourceInput) => rest;

export interface DatasourceFormProps {
  editing?: Datasource;
  emulator?: { accountSid: string; apiKeySid: string };
  onSaved(ds: Datasource): void;
}

export function DatasourceForm({ editing, emulator, onSaved }: DatasourceFormProps) {
  const form = useForm<FormValues>({
    resolver: zodResolver<FormValues>(schemaFor(editing)),
    mode: 'onTouched',
    defaultValues: valuesOf(editing),
  });
  const { control, handleSubmit, watch, setValue, setError, formState } = form;
  const target = watch('target');
  const authType = watch('authType');
  const create = useCreateDatasource();
  const edits = useEditConflict(editing?.version);
  const update = useUpdateDatasource(editing?.id ?? '', edits);
  const client = useQueryClient();
  const test = useTestDatasource();

  // The built-in emulator's account is known: prefill it (the server supplies its secret).
  useEffect(() => {
    if (target !== 'emulator' || !emulator) return;
    if (!form.getValues('accountSid')) setValue('accountSid', emulator.accountSid);
    if (authType === 'api-key' && !form.getValues('apiKeySid'))
      setValue('apiKeySid', emulator.apiKeySid);
  }, [target, authType, emulator, form, setValue]);

  const serverError = (err: unknown) => {
    if (err instanceof ApiError && err.field && err.field in form.getValues()) {
      setError(err.field as keyof FormValues, { message: err.message }, { shouldFocus: true });
    }
  };

  const onSave = handleSubmit(async (values) => {
    const input = toInput(values);
    try {
      onSaved(editing ? await update.mutateAsync(input) : await create.mutateAsync(input));
    } catch (err) {
      serverError(err);
    }
  });

  const onTest = handleSubmit((values) => {
    const input = toInput(values);
    const typedSecret = values.authType === 'basic' ? values.authToken : values.apiKeySecret;
    // Editing without a new secret: test what is saved (the server holds the secret).
    const useSaved =
      editing &&
      typedSecret.trim() === '' &&
      values.target === editing.target &&
      values.authType === editing.authType;
    test.mutate(useSaved ? { id: editing.id } : { input }, { onError: serverError });
  });

  const secretHelp = (label: string, where: string) =>
    editing && editing.target === target && editing.authType === authType && editing.hasSecret
      ? `${label} saved. Leave empty to keep it; type a new one to replace it.`
      : target === 'emulator'
        ? `Optional: the emulator's own ${label} is used when empty.`
        : where;

  // Theirs replaces what was typed; the page showing this form opens it afresh on the new version.
  const reload = async () => {
    if (!editing) return;
    const theirs = await client.fetchQuery({ ...datasourceQueryOptions(editing.id), staleTime: 0 });
    form.reset(valuesOf(theirs));
    update.reset();
    edits.restart(theirs.version);
  };

  const saving = create.isPending || update.isPending;
  const mutationError = edits.conflict ? null : (create.error ?? update.error);

  return (
    <Box
      component="form"
      noValidate
      onSubmit={onSave}
      aria-label={editing ? 'Edit datasource' : 'New Twilio datasource'}
    >
      <Stack spacing={2.5} sx={{ maxWidth: 560 }}>
        <Controller
          name="name"
          control={control}
          render={({ field, fieldState }) => (
            <TextField
              {...textField(field)}
              label="Name"
              required
              error={!!fieldState.error}
              helperText={
                fieldState.error?.message ?? 'Shown in the explorer and the query editor.'
              }
            />
          )}
        />
        <Controller
          name="target"
          control={control}
          render={({ field }) => (
            <FormControl>
              <FormLabel id="target-label">Connect to</FormLabel>
              <RadioGroup {...field} row aria-labelledby="target-label">
                <FormControlLabel value="twilio" control={<Radio />} label="Twilio" />
                <FormControlLabel value="emulator" control={<Radio />} label="Built-in emulator" />
              </RadioGroup>
            </FormControl>
          )}
        />
        <Controller
          name="authType"
          control={control}
          render={({ field }) => (
            <TextField
              {...field}
              select
              label="Authentication type"
              helperText="Basic Auth uses the Account SID and Auth Token; an API key can be revoked on its own."
            >
              <MenuItem value="basic">Basic Auth</MenuItem>
              <MenuItem value="api-key">API Key</MenuItem>
            </TextField>
          )}
        />
        <Controller
          name="accountSid"
          control={control}
          render={({ field, fieldState }) => (
            <TextField
              {...textField(field)}
              label="Account SID"
              required={target === 'twilio'}
              autoComplete="off"
              slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
              error={!!fieldState.error}
              helperText={
                fieldState.error?.message ??
                'Starts with AC; on the Twilio Console home page under Account Info.'
              }
            />
          )}
        />
        {authType === 'basic' ? (
          <Controller
            name="authToken"
            control={control}
            render={({ field, fieldState }) => (
              <TextField
                {...textField(field)}
                type="password"
                label="Auth Token"
                autoComplete="new-password"
                placeholder={
                  editing?.hasSecret && editing.authType === 'basic' ? '•••••••• (saved)' : ''
                }
                error={!!fieldState.error}
                helperText={
                  fieldState.error?.message ??
                  secretHelp(
                    'Auth Token',
                    'Next to the Account SID on the Twilio Console home page (click to reveal).',
                  )
                }
              />
            )}
          />
        ) : (
          <>
            <Controller
              name="apiKeySid"
              control={control}
              render={({ field, fieldState }) => (
                <TextField
                  {...textField(field)}
                  label="API Key SID"
                  autoComplete="off"
                  slotProps={{
                    htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } },
                  }}
                  error={!!fieldState.error}
                  helperText={
                    fieldState.error?.message ??
                    'Starts with SK; Console > Account > API keys & tokens.'
                  }
                />
              )}
            />
            <Controller
              name="apiKeySecret"
              control={control}
              render={({ field, fieldState }) => (
                <TextField
                  {...textField(field)}
                  type="password"
                  label="API Key Secret"
                  autoComplete="new-password"
                  placeholder={
                    editing?.hasSecret && editing.authType === 'api-key' ? '•••••••• (saved)' : ''
                  }
                  error={!!fieldState.error}
                  helperText={
                    fieldState.error?.message ??
                    secretHelp(
                      'API Key Secret',
                      'Shown once, when the key is created in the Console.',
                    )
                  }
                />
              )}
            />
          </>
        )}
        {test.data && <TestResultAlert result={test.data} />}
        {test.error && (
          <TestResultAlert
            result={{
              ok: false,
              error: {
                code: (test.error as ApiError).code ?? 'error',
                message: test.error.message,
              },
            }}
          />
        )}
        {edits.conflict && (
          <EditConflictAlert
            conflict={edits.conflict}
            what="datasource"
            onReload={reload}
            onKeepMine={() => {
              edits.overwrite();
              void onSave();
            }}
            keeping={saving}
            mine={() => withoutSecrets(toInput(form.getValues()))}
          />
        )}
        {mutationError && !(mutationError instanceof ApiError && mutationError.field) && (
          <TestResultAlert
            result={{ ok: false, error: { code: 'save_failed', message: mutationError.message } }}
          />
        )}
        <Stack direction="row" spacing={1}>
          <Button variant="outlined" onClick={() => void onTest()} loading={test.isPending}>
            Test
          </Button>
          <Button
            type="submit"
            variant="contained"
            loading={saving}
            disabled={formState.isSubmitting}
          >
            Save
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}
