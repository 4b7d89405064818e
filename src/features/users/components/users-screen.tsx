import {
  Alert,
  Button,
  Chip,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { ROLES, type PublicUser, type Role } from '../../../contract/accounts';
import { useConfirm } from '../../../components/confirm';
import { useDeleteUser, useUpdateUser, useUsers, type UserPatch } from '../api/users';
import { AddUserDialog } from './add-user-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';

// The accounts, for admins: add, change role, reset a password, disable or enable, delete. The
// server refuses to demote, disable or delete the last enabled admin (409); its message shows here.

export interface UsersScreenProps {
  /** The signed-in admin, marked "(you)": changing this account changes the session too. */
  currentUserId: string;
  onChangedSelf(): void;
}

export function UsersScreen({ currentUserId, onChangedSelf }: UsersScreenProps) {
  const users = useUsers();
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const confirm = useConfirm();
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<PublicUser | null>(null);
  const failure = update.error ?? remove.error;

  const patch = (user: PublicUser, changes: UserPatch) => {
    remove.reset();
    update.mutate(
      { id: user.id, patch: changes },
      { onSuccess: () => user.id === currentUserId && onChangedSelf() },
    );
  };
  const del = async (user: PublicUser) => {
    const ok = await confirm({
      title: `Delete ${user.username}?`,
      detail:
        'They are signed out, and their account cannot be brought back. Their audit events stay.',
      confirmLabel: 'Delete',
      destructive: true,
    });
    if (!ok) return;
    update.reset();
    remove.mutate(user.id, { onSuccess: () => user.id === currentUserId && onChangedSelf() });
  };

  return (
    <Stack spacing={3}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          Users
        </Typography>
        <Button variant="contained" onClick={() => setAdding(true)}>
          Add user
        </Button>
      </Stack>
      {failure && (
        <Alert
          severity="error"
          onClose={() => {
            update.reset();
            remove.reset();
          }}
        >
          {failure.message}
        </Alert>
      )}
      {users.isPending && <Typography>Loading…</Typography>}
      {users.isError && <Alert severity="error">{users.error.message}</Alert>}
      {users.data && (
        <TableContainer>
          <Table size="small" aria-label="Users">
            <TableHead>
              <TableRow>
                <TableCell>Username</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {users.data.map((u) => {
                const busy =
                  (update.isPending && update.variables?.id === u.id) ||
                  (remove.isPending && remove.variables === u.id);
                return (
                  <TableRow key={u.id}>
                    <TableCell component="th" scope="row">
                      {u.username}
                      {u.id === currentUserId && ' (you)'}
                    </TableCell>
                    <TableCell>
                      <TextField
                        select
                        size="small"
                        value={u.role}
                        disabled={busy}
                        onChange={(e) => patch(u, { role: e.target.value as Role })}
                        slotProps={{ htmlInput: { 'aria-label': `Role of ${u.username}` } }}
                      >
                        {ROLES.map((r) => (
                          <MenuItem key={r} value={r}>
                            {r}
                          </MenuItem>
                        ))}
                      </TextField>
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        label={u.disabled ? 'Disabled' : 'Active'}
                        color={u.disabled ? 'default' : 'success'}
                        variant="outlined"
                      />
                    </TableCell>
                    <TableCell align="right">
                      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
                        <Button
                          size="small"
                          disabled={busy}
                          onClick={() => setResetting(u)}
                          aria-label={`Reset password of ${u.username}`}
                        >
                          Reset password
                        </Button>
                        <Button
                          size="small"
                          disabled={busy}
                          onClick={() => patch(u, { disabled: !u.disabled })}
                          aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.username}`}
                        >
                          {u.disabled ? 'Enable' : 'Disable'}
                        </Button>
                        <Button
                          size="small"
                          color="error"
                          disabled={busy}
                          onClick={() => void del(u)}
                          aria-label={`Delete ${u.username}`}
                        >
                          Delete
                        </Button>
                      </Stack>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <AddUserDialog open={adding} onClose={() => setAdding(false)} />
      {resetting && <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />}
    </Stack>
  );
}
