import { Alert, Button, Stack } from '@mui/material';
import { useForm, type FieldPath } from 'react-hook-form';
import { FormTextField } from '../../../components/form-text-field';
import { z } from 'zod';
import {
  PASSWORD_MIN,
  passwordSchema,
  usernameSchema,
  type SessionInfo,
} from '../../../contract/accounts';
import { ApiError } from '../../../lib/api-client';
import { zodResolver } from '../../../lib/zod-resolver';
import { useSetup } from '../api';

// The first account: an admin, created with the setup token the server printed in its log (or
// TQB_SETUP_TOKEN), so that a stranger who reaches the instance first cannot claim it.

interface SetupValues {
  setupToken: string;
  username: string;
  password: string;
  confirm: string;
}

const setupFormSchema = z
  .object({
    setupToken: z.string().trim().min(1, 'Paste the setup token from the server’s log'),
    username: usernameSchema,
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.confirm === v.password, {
    path: ['confirm'],
    message: 'The two passwords differ',
  });

export function SetupForm({ onDone }: { onDone?(session: SessionInfo): void }) {
  const setup = useSetup();
  const { control, handleSubmit, setError } = useForm<SetupValues>({
    resolver: zodResolver<SetupValues>(setupFormSchema),
    mode: 'onTouched',
    defaultValues: { setupToken: '', username: '', password: '', confirm: '' },
  });
  const submit = handleSubmit(({ setupToken, username, password }) =>
    setup.mutate(
      { setupToken, username, password },
      {
        onSuccess: onDone,
        onError: (err) => {
          // A wrong token is the token field's error; a rule the server names, that field's.
          const field =
            err instanceof ApiError && err.status === 403
              ? 'setupToken'
              : err instanceof ApiError
                ? err.field
                : undefined;
          if (field === 'setupToken' || field === 'username' || field === 'password')
            setError(field, { message: err.message }, { shouldFocus: true });
        },
      },
    ),
  );
  const fieldError =
    setup.error instanceof ApiError &&
    (setup.error.status === 403 ||
      ['setupToken', 'username', 'password'].includes(setup.error.field ?? ''));

  const text = (
    name: FieldPath<SetupValues>,
    label: string,
    props: { type?: string; autoComplete: string; help?: string },
  ) => (
    <FormTextField
      control={control}
      name={name}
      label={label}
      type={props.type}
      autoComplete={props.autoComplete}
      autoFocus={name === 'setupToken'}
      required
      helperText={props.help}
    />
  );

  return (
    <Stack spacing={2} component="form" noValidate onSubmit={submit} aria-label="Create the admin">
      {text('setupToken', 'Setup token', {
        autoComplete: 'off',
        help: 'Printed in the server’s log at start-up, beside the address of /setup; or the value of TQB_SETUP_TOKEN if it is set.',
      })}
      {text('username', 'Username', {
        autoComplete: 'username',
        help: 'Letters, digits, dots, underscores and hyphens.',
      })}
      {text('password', 'Password', {
        type: 'password',
        autoComplete: 'new-password',
        help: `At least ${PASSWORD_MIN} characters.`,
      })}
      {text('confirm', 'Confirm password', { type: 'password', autoComplete: 'new-password' })}
      {setup.error && !fieldError && <Alert severity="error">{setup.error.message}</Alert>}
      <Button type="submit" variant="contained" loading={setup.isPending}>
        Create admin and sign in
      </Button>
    </Stack>
  );
}
