import { AppBar, Box, CircularProgress, Toolbar, Typography } from '@mui/material';
import { Outlet, useLocation } from '@tanstack/react-router';
import { Explorer } from './explorer';
import { AppLink } from './links';
import { ConfirmProvider } from '../components/confirm';
import { SessionGate } from '../features/session/components/session-gate';
import { RuntimeProvider } from './runtime/runtime-state';

/** The layout every page shares: the app bar, the explorer and the page. */
export function AppShell() {
  return (
    <SessionGate>
      <ConfirmProvider>
        <RuntimeProvider>
          <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
            <AppBar
              position="static"
              color="default"
              elevation={0}
              sx={{ borderBottom: 1, borderColor: 'divider' }}
            >
              <Toolbar variant="dense">
                <Typography variant="h6" component="p">
                  <AppLink to="/" color="inherit" underline="none" activeOptions={{ exact: true }}>
                    Twilio Query Builder
                  </AppLink>
                </Typography>
              </Toolbar>
            </AppBar>
            <Box sx={{ display: 'flex', flexGrow: 1, minHeight: 0 }}>
              <Explorer />
              <Box component="main" sx={{ flexGrow: 1, overflowY: 'auto', p: 3, minWidth: 0 }}>
                <Outlet />
              </Box>
            </Box>
          </Box>
        </RuntimeProvider>
      </ConfirmProvider>
    </SessionGate>
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
