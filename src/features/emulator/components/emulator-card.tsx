import { Alert, Card, CardContent, Chip, CircularProgress, Stack, Typography } from '@mui/material';
import { useEmulatorInfo } from '../api/get-emulator-info';

function Row({ label, values }: { label: string; values: string[] }) {
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 190 }}>
        {label}
      </Typography>
      {values.map((v) => (
        <Chip key={v} label={v} size="small" sx={{ fontFamily: 'monospace' }} />
      ))}
    </Stack>
  );
}

/** The built-in emulator's account, so a person can see it is ready before connecting Twilio. */
export function EmulatorCard() {
  const info = useEmulatorInfo();
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Built-in Twilio emulator
        </Typography>
        {info.isPending && (
          <CircularProgress size={24} aria-label="Loading the emulator's account" />
        )}
        {info.isError && <Alert severity="error">{info.error.message}</Alert>}
        {info.data && (
          <Stack spacing={1}>
            <Row label="Account SID" values={[info.data.accountSid]} />
            <Row label="Account type" values={[info.data.trial ? 'Trial' : 'Full']} />
            <Row label="Phone numbers" values={info.data.phoneNumbers} />
            <Row label="Messaging Service SID" values={info.data.messagingServiceSids} />
            <Row label="Verified caller IDs" values={info.data.verifiedCallerIds} />
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
