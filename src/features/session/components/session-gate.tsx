import { Box, CircularProgress } from '@mui/material';
import { lazy, Suspense, type ReactNode } from 'react';
import { useSession } from '../api';

// The form (a text field and what MUI needs for it) loads only on a server that asks for a password.
const LoginForm = lazy(() => import('./login-form').then((m) => ({ default: m.LoginForm })));

function Connecting() {
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <CircularProgress aria-label="Connecting" />
    </Box>
  );
}

/** Asks for the access password when the server has one and this browser has not given it yet. */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.isPending) return <Connecting />;
  if (session.isError || !session.data.passwordRequired || session.data.authenticated)
    return <>{children}</>;
  return (
    <Suspense fallback={<Connecting />}>
      <LoginForm />
    </Suspense>
  );
}
