import { Alert, Card, CardActionArea, CardContent, Stack, Typography } from '@mui/material';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { DatasourceForm } from '../../features/datasources/components/datasource-form';
import { useEmulatorInfo } from '../../features/emulator/api/get-emulator-info';
import { useCan } from '../../features/session/api';
import { useTitle } from '../use-title';

/** New datasource: choose the kind (Twilio is the one there is), then fill in the form. */
export function NewDatasourcePage() {
  useTitle('New datasource');
  const navigate = useNavigate();
  const [kind, setKind] = useState<'twilio' | null>(null);
  const emulator = useEmulatorInfo();
  const allowed = useCan();
  return (
    <Stack spacing={3}>
      <Typography variant="h5" component="h1">
        New datasource
      </Typography>
      {!allowed('datasources:write') ? (
        <Alert severity="info">Only admins create datasources.</Alert>
      ) : kind === null ? (
        <Stack direction="row" spacing={2}>
          <Card variant="outlined" sx={{ width: 260 }}>
            {/* Named "Twilio" by its heading; the sentence below is its description (read once, not twice). */}
            <CardActionArea
              onClick={() => setKind('twilio')}
              aria-describedby="kind-twilio-description"
            >
              <CardContent>
                <Typography variant="h6" component="h2">
                  Twilio
                </Typography>
                <Typography
                  id="kind-twilio-description"
                  aria-hidden
                  variant="body2"
                  color="text.secondary"
                >
                  SMS and WhatsApp through Twilio's Messages API, or the built-in emulator.
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        </Stack>
      ) : (
        <DatasourceForm
          emulator={emulator.data}
          onSaved={(ds) =>
            void navigate({
              to: '/datasources/$datasourceId',
              params: { datasourceId: ds.id },
              replace: true,
            })
          }
        />
      )}
    </Stack>
  );
}
