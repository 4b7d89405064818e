import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
} from '@mui/material';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { FormTextField } from '../../../components/form-text-field';
import { z } from 'zod';
import { PASSWORD_MIN, passwordSchema, type PublicUser } from '../../../contract/accounts';
import { zodResolver } from '../../../lib/zod-resolver';
import { useUpdateUser } from '../api/users';

// An admin sets someone's password (they forgot it); the server ends that person's sessions.

interface ResetValues {
  password: string;
  confirm: string;
}

const schema = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.confirm === v.password, {
    path: ['confirm'],
    message: 'The two passwords differ',
  });

export function ResetPasswordDialog({ user, onClose }: { user: PublicUser; onClose(): void }) {
  const titleId = useId();
  const update = useUpdateUser();
  const { control, handleSubmit } = useForm<ResetValues>({
    resolver: zodResolver<ResetValues>(schema),
    mode: 'onTouched',
    defaultValues: { password: '', confirm: '' },
  });
  const submit = handleSubmit(({ password }) =>
    update.mutate({ id: user.id, patch: { password } }, { onSuccess: onClose }),
  );
  const field = (name: keyof ResetValues, label: string, help?: string) => (
    <FormTextField
      control={control}
      name={name}
      type="password"
      label={label}
      autoComplete="new-password"
      autoFocus={name === 'password'}
      required
      helperText={help}
    />
  );
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="xs">
      <form noValidate onSubmit={submit}>
        <DialogTitle id={titleId}>Reset the password of {user.username}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <DialogContentText>
              They are signed out everywhere and sign in again with the new password.
            </DialogContentText>
            {field('password', 'New password', `At least ${PASSWORD_MIN} characters.`)}
            {field('confirm', 'Confirm new password')}
            {update.error && <Alert severity="error">{update.error.message}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" loading={update.isPending}>
            Reset password
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
