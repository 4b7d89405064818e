import { Button, Stack, Typography } from '@mui/material';
import { EmulatorCard } from '../../features/emulator/components/emulator-card';
import { navigate, paths, useTitle } from '../router';

export function HomePage() {
  useTitle('');
  return (
    <Stack spacing={3} sx={{ maxWidth: 760 }}>
      <Typography variant="h5" component="h1">
        Send, schedule and manage Twilio messages without code
      </Typography>
      <Typography>
        Connect a Twilio account once as a datasource, then build queries: Create, Schedule, List,
        Fetch, Update and Delete Message. The built-in emulator below works without an account; a
        datasource for it is ready in the explorer.
      </Typography>
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={() => navigate(paths.newDatasource)}>
          New datasource
        </Button>
      </Stack>
      <EmulatorCard />
    </Stack>
  );
}
