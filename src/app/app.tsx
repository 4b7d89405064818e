import { AppBar, Box, CircularProgress, Toolbar, Typography } from '@mui/material';
import { Explorer } from './explorer';
import { Suspense } from 'react';
import { HomePage } from './pages/home-page';
import { DatasourcePage, NewDatasourcePage, PagePage, QueryPage } from './lazy-pages';
import { ConfirmProvider } from '../components/confirm';
import { SessionGate } from '../features/session/components/session-gate';
import { RuntimeProvider } from './runtime/runtime-state';
import { AppLink, paths, useRoute, type Route } from './router';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'new-datasource':
      return <NewDatasourcePage />;
    case 'datasource':
      return <DatasourcePage key={route.id} id={route.id} />;
    case 'query':
      return <QueryPage key={route.id} id={route.id} />;
    case 'page':
      return <PagePage />;
    case 'not-found':
      return <Typography>Nothing lives at {route.path}.</Typography>;
  }
}

export function App() {
  const route = useRoute();
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
                  <AppLink to={paths.home} color="inherit" underline="none">
                    Twilio Query Builder
                  </AppLink>
                </Typography>
              </Toolbar>
            </AppBar>
            <Box sx={{ display: 'flex', flexGrow: 1, minHeight: 0 }}>
              <Explorer route={route} />
              <Box component="main" sx={{ flexGrow: 1, overflowY: 'auto', p: 3, minWidth: 0 }}>
                <Suspense fallback={<CircularProgress aria-label="Loading" />}>
                  <Page route={route} />
                </Suspense>
              </Box>
            </Box>
          </Box>
        </RuntimeProvider>
      </ConfirmProvider>
    </SessionGate>
  );
}
