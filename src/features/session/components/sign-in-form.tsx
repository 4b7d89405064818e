import { Alert, Button, Stack, TextField } from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import type { SessionInfo } from '../../../contract/accounts';
import { useSignIn, type SignInInput } from '../api';

// Username and password. A wrong one, an unknown user and a disabled account get the same answer
// from the server ("Wrong username or password"), and too many tries its 429 with when to retry.

export function SignInForm({ onSignedIn }: { onSignedIn?(session: SessionInfo): void }) {
  const signIn = useSignIn();
  const { control, handleSubmit } = useForm<SignInInput>({
    defaultValues: { username: '', password: '' },
  });
  const submit = handleSubmit((input) =>
    signIn.mutate({ ...input, username: input.username.trim() }, { onSuccess: onSignedIn }),
  );
  return (
    <Stack spacing={2} component="form" noValidate onSubmit={submit} aria-label="Sign in">
      <Controller
        name="username"
        control={control}
        rules={{ validate: (v) => v.trim() !== '' || 'Enter your username' }}
        render={({ field: { ref, ...field }, fieldState }) => (
          <TextField
            {...field}
            inputRef={ref}
            label="Username"
            autoComplete="username"
            autoFocus
            required
            error={!!fieldState.error}
            helperText={fieldState.error?.message}
          />
        )}
      />
      <Controller
        name="password"
        control={control}
        rules={{ required: 'Enter your password' }}
        render={({ field: { ref, ...field }, fieldState }) => (
          <TextField
            {...field}
            inputRef={ref}
            type="password"
            label="Password"
            autoComplete="current-password"
            required
            error={!!fieldState.error}
            helperText={fieldState.error?.message}
          />
        )}
      />
      {signIn.error && <Alert severity="error">{signIn.error.message}</Alert>}
      <Button type="submit" variant="contained" loading={signIn.isPending}>
        Sign in
      </Button>
    </Stack>
  );
}
