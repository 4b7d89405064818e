import { AppBar, Box, Toolbar, Typography } from '@mui/material';
import { Explorer } from './explorer';
import { DatasourcePage } from './pages/datasource-page';
import { HomePage } from './pages/home-page';
import { NewDatasourcePage } from './pages/new-datasource-page';
import { QueryPage } from './pages/query-page';
import { PagePage } from './pages/page-page';
import { ConfirmProvider } from './runtime/confirm';
import { RuntimeProvider } from './runtime/runtime-provider';
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
    <ConfirmProvider>
    <RuntimeProvider>
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
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
          <Page route={route} />
        </Box>
      </Box>
    </Box>
    </RuntimeProvider>
    </ConfirmProvider>
  );
}
