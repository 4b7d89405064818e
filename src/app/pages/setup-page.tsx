import { Alert, Typography } from '@mui/material';
import { Navigate } from '@tanstack/react-router';
import { homeOf } from '../../contract/roles';
import { useSession } from '../../features/session/api';
import { AuthCard } from '../../features/session/components/auth-card';
import { SetupForm } from '../../features/session/components/setup-form';
import { Connecting } from '../app';
import { AppLink } from '../links';
import { useTitle } from '../use-title';

/**
 * /setup: the first admin. Reached on the first visit of an instance that is not on this computer
 * (it answers nothing else until then), or from the user menu in solo mode. Once an account
 * exists, sign in instead.
 */
export function SetupPage() {
  useTitle('Set up accounts');
  const session = useSession();
  if (session.isPending) return <Connecting />;
  const info = session.data;
  if (info && !info.setupRequired) {
    if (info.user) return <Navigate to={homeOf(info.user.role)} replace />;
    return <Navigate to="/sign-in" replace />;
  }
  const solo = info?.mode === 'solo' && info.user !== null;
  return (
    <AuthCard title="Set up accounts">
      <Typography>
        Create the first account, an admin. It can then add the others, each with a role: admins,
        builders (datasources read-only, queries and the page), operators (use the app) and viewers
        (read the app).
      </Typography>
      {solo && (
        <Alert severity="info">
          From then on everyone signs in, on this computer too. <AppLink to="/">Not now</AppLink>
        </Alert>
      )}
      <SetupForm />
    </AuthCard>
  );
}
