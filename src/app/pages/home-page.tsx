import { Button, Stack, Typography } from '@mui/material';
import { useNavigate } from '@tanstack/react-router';
import { EmulatorCard } from '../../features/emulator/components/emulator-card';
import { useCan } from '../../features/session/api';
import { useTitle } from '../use-title';

export function HomePage() {
  useTitle('');
  const navigate = useNavigate();
  const allowed = useCan();
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
      {allowed('datasources:write') && (
        <Stack direction="row" spacing={1}>
          <Button variant="contained" onClick={() => void navigate({ to: '/datasources/new' })}>
            New datasource
          </Button>
        </Stack>
      )}
      <EmulatorCard />
    </Stack>
  );
}
