import {
  Alert,
  AppBar,
  Box,
  Button,
  CircularProgress,
  MenuItem,
  Toolbar,
  Typography,
} from '@mui/material';
import {
  Navigate,
  Outlet,
  useLocation,
  useMatches,
  useNavigate,
  useRouterState,
} from '@tanstack/react-router';
import type { SessionInfo, SessionUser } from '../contract/accounts';
import { can } from '../contract/roles';
import { Explorer } from './explorer';
import { AppLink } from './links';
import { ConfirmProvider } from '../components/confirm';
import { useSession } from '../features/session/api';
import { UserMenu } from '../features/session/components/user-menu';
import { RuntimeProvider } from './runtime/runtime-state';

// Every page is framed by its route (staticData.frame): `bare` pages come before the app (sign in,
// setup) and need no session; `app` pages (the published app) need someone signed in; `editor`
// pages, the default, also show the explorer and are for those who may edit the app (admins and
// builders): operators and viewers are sent to /app. Moving between /app and the editor keeps the
// runtime (what people typed in the widgets, the queries' runs).

export type Frame = 'bare' | 'app' | 'editor';

function useFrame(): Frame {
  return (
    useMatches({ select: (matches) => matches[matches.length - 1]?.staticData.frame }) ?? 'editor'
  );
}

export function Connecting() {
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <CircularProgress aria-label="Connecting" />
    </Box>
  );
}

/** The layout every page shares. */
export function AppShell() {
  const frame = useFrame();
  return frame === 'bare' ? <Outlet /> : <SignedIn frame={frame} />;
}

function SignedIn({ frame }: { frame: Exclude<Frame, 'bare'> }) {
  const session = useSession();
  // The address of the page on screen: while the sign-in page loads, the location is already its
  // own, and asking to come back to it would nest one sign-in address in the next.
  const href = useRouterState({ select: (s) => (s.resolvedLocation ?? s.location).href });
  if (session.isPending) return <Connecting />;
  if (session.isError)
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh', p: 2 }}>
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => void session.refetch()}>
              Retry
            </Button>
          }
        >
          {session.error.message}
        </Alert>
      </Box>
    );
  const { user } = session.data;
  if (!user)
    return session.data.setupRequired ? (
      <Navigate to="/setup" replace />
    ) : (
      <Navigate to="/sign-in" search={{ redirect: href }} replace />
    );
  if (frame === 'editor' && !can(user.role, 'app:write')) return <Navigate to="/app" replace />;
  return (
    <ConfirmProvider>
      <RuntimeProvider>
        <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
          <Header session={session.data} user={user} />
          <Box sx={{ display: 'flex', flexGrow: 1, minHeight: 0 }}>
            {frame === 'editor' && <Explorer />}
            <Box component="main" sx={{ flexGrow: 1, overflowY: 'auto', p: 3, minWidth: 0 }}>
              <Outlet />
            </Box>
          </Box>
        </Box>
      </RuntimeProvider>
    </ConfirmProvider>
  );
}

function Header({ session, user }: { session: SessionInfo; user: SessionUser }) {
  const navigate = useNavigate();
  const editor = can(user.role, 'app:write');
  return (
    <AppBar
      position="static"
      color="default"
      elevation={0}
      sx={{ borderBottom: 1, borderColor: 'divider' }}
    >
      <Toolbar variant="dense">
        <Typography variant="h6" component="p" sx={{ flexGrow: 1 }}>
          <AppLink
            to={editor ? '/' : '/app'}
            color="inherit"
            underline="none"
            activeOptions={{ exact: true }}
          >
            Twilio Query Builder
          </AppLink>
        </Typography>
        <UserMenu
          mode={session.mode}
          user={user}
          onSetUpAccounts={() => void navigate({ to: '/setup' })}
          onSignedOut={() => void navigate({ to: '/sign-in' })}
        >
          {(close) =>
            session.mode === 'accounts' &&
            can(user.role, 'users:manage') && [
              <MenuItem
                key="users"
                onClick={() => {
                  close();
                  void navigate({ to: '/users' });
                }}
              >
                Users
              </MenuItem>,
            ]
          }
        </UserMenu>
      </Toolbar>
    </AppBar>
  );
}

/** What the page area shows while a page's code loads. */
export function PagePending() {
  return <CircularProgress aria-label="Loading" />;
}

export function NotFoundPage() {
  const path = useLocation({ select: (location) => location.pathname });
  return <Typography>Nothing lives at {path}.</Typography>;
}
