import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
} from '@mui/material';
import { useId } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { FormTextField } from '../../../components/form-text-field';
import { z } from 'zod';
import { PASSWORD_MIN, passwordSchema } from '../../../contract/accounts';
import { ApiError } from '../../../lib/api-client';
import { zodResolver } from '../../../lib/zod-resolver';
import { useChangePassword } from '../api';

// One's own password. The server ends the person's other sessions and keeps this browser's.

interface PasswordValues {
  current: string;
  next: string;
  confirm: string;
}

const schema = z
  .object({
    current: z.string().min(1, 'Enter your current password'),
    next: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.confirm === v.next, { path: ['confirm'], message: 'The two passwords differ' });

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const titleId = useId();
  const change = useChangePassword();
  const { control, handleSubmit, setError, reset } = useForm<PasswordValues>({
    resolver: zodResolver<PasswordValues>(schema),
    mode: 'onTouched',
    defaultValues: { current: '', next: '', confirm: '' },
  });
  const submit = handleSubmit(({ current, next }) =>
    change.mutate(
      { current, next },
      {
        onSuccess: () => reset(),
        onError: (err) => {
          if (!(err instanceof ApiError)) return;
          const field = err.field === 'next' ? 'next' : err.field === 'current' ? 'current' : null;
          // A wrong current password is refused as a credential (401 or 403), not as a field.
          if (field ?? (err.status === 401 || err.status === 403))
            setError(field ?? 'current', { message: err.message }, { shouldFocus: true });
        },
      },
    ),
  );
  const close = () => {
    reset();
    change.reset();
    onClose();
  };
  const onField =
    change.error instanceof ApiError &&
    (change.error.field !== undefined || [401, 403].includes(change.error.status));

  const password = (name: FieldPath<PasswordValues>, label: string, help?: string) => (
    <FormTextField
      control={control}
      name={name}
      type="password"
      label={label}
      autoComplete={name === 'current' ? 'current-password' : 'new-password'}
      autoFocus={name === 'current'}
      required
      helperText={help}
    />
  );

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="xs">
      <form noValidate onSubmit={submit}>
        <DialogTitle id={titleId}>Change password</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {change.isSuccess ? (
              <Alert severity="success">
                Password changed. Other browsers where you were signed in have been signed out.
              </Alert>
            ) : (
              <>
                {password('current', 'Current password')}
                {password('next', 'New password', `At least ${PASSWORD_MIN} characters.`)}
                {password('confirm', 'Confirm new password')}
              </>
            )}
            {change.error && !onField && <Alert severity="error">{change.error.message}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{change.isSuccess ? 'Close' : 'Cancel'}</Button>
          {!change.isSuccess && (
            <Button type="submit" variant="contained" loading={change.isPending}>
              Change password
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
