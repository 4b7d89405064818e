import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useId } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { FormTextField } from '../../../components/form-text-field';
import { PASSWORD_MIN, ROLES, userCreateSchema, type Role } from '../../../contract/accounts';
import { ROLE_SUMMARY } from '../../../contract/roles';
import { ApiError } from '../../../lib/api-client';
import { zodResolver } from '../../../lib/zod-resolver';
import { useCreateUser, type NewUser } from '../api/users';

// A new account: username, role and a first password the admin hands over.

const FIELDS = ['username', 'role', 'password'] as const;

export function AddUserDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const titleId = useId();
  const create = useCreateUser();
  const { control, handleSubmit, setError, reset, watch } = useForm<NewUser>({
    resolver: zodResolver<NewUser>(userCreateSchema),
    mode: 'onTouched',
    defaultValues: { username: '', role: 'operator', password: '' },
  });
  const role = watch('role');
  const close = () => {
    reset();
    create.reset();
    onClose();
  };
  const submit = handleSubmit((input) =>
    create.mutate(input, {
      onSuccess: close,
      onError: (err) => {
        // A taken username (409) or a rule the server names belongs to its field.
        const field =
          err instanceof ApiError
            ? (err.field ?? (err.status === 409 ? 'username' : undefined))
            : undefined;
        if (field && (FIELDS as readonly string[]).includes(field))
          setError(
            field as (typeof FIELDS)[number],
            { message: err.message },
            { shouldFocus: true },
          );
      },
    }),
  );
  const onField =
    create.error instanceof ApiError &&
    (create.error.status === 409 || FIELDS.some((f) => f === (create.error as ApiError).field));

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="xs">
      <form noValidate onSubmit={submit}>
        <DialogTitle id={titleId}>Add user</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <FormTextField
              control={control}
              name="username"
              label="Username"
              autoComplete="off"
              autoFocus
              required
              helperText="Letters, digits, dots, underscores and hyphens."
            />
            <Controller
              name="role"
              control={control}
              render={({ field: { ref, ...field } }) => (
                <TextField
                  {...field}
                  inputRef={ref}
                  select
                  label="Role"
                  helperText={ROLE_SUMMARY[role]}
                >
                  {ROLES.map((r: Role) => (
                    <MenuItem key={r} value={r}>
                      {r}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            />
            <FormTextField
              control={control}
              name="password"
              type="password"
              label="Password"
              autoComplete="new-password"
              required
              helperText={`At least ${PASSWORD_MIN} characters. Give it to them; they can change it.`}
            />
            {create.error && !onField && <Alert severity="error">{create.error.message}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" loading={create.isPending}>
            Add user
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
