import { Alert, Button, Stack } from '@mui/material';
import { useForm } from 'react-hook-form';
import { FormTextField } from '../../../components/form-text-field';
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
      <FormTextField
        control={control}
        name="username"
        rules={{ validate: (v) => v.trim() !== '' || 'Enter your username' }}
        label="Username"
        autoComplete="username"
        autoFocus
        required
      />
      <FormTextField
        control={control}
        name="password"
        rules={{ required: 'Enter your password' }}
        type="password"
        label="Password"
        autoComplete="current-password"
        required
      />
      {signIn.error && <Alert severity="error">{signIn.error.message}</Alert>}
      <Button type="submit" variant="contained" loading={signIn.isPending}>
        Sign in
      </Button>
    </Stack>
  );
}
