import { Alert } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { can, ROLE_SUMMARY } from '../../contract/roles';
import { sessionKeys, useSession } from '../../features/session/api';
import { UsersScreen } from '../../features/users/components/users-screen';
import { AppLink } from '../links';
import { useTitle } from '../use-title';

/** /users: the accounts, for admins. */
export function UsersPage() {
  useTitle('Users');
  const session = useSession();
  const client = useQueryClient();
  const info = session.data;
  if (!info?.user) return null;
  if (info.mode === 'solo')
    return (
      <Alert severity="info">
        There are no accounts yet: the app is open to this computer.{' '}
        <AppLink to="/setup">Set up accounts</AppLink> to create the first admin, who then adds the
        others.
      </Alert>
    );
  if (!can(info.user.role, 'users:manage'))
    return <Alert severity="info">Only admins manage users: {ROLE_SUMMARY[info.user.role]}.</Alert>;
  return (
    <UsersScreen
      currentUserId={info.user.id}
      // One's own role, or account, changed: what the app offers changes with it.
      onChangedSelf={() => void client.invalidateQueries({ queryKey: sessionKeys.current })}
    />
  );
}
