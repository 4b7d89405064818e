import { Chip, Stack, Typography } from '@mui/material';
import type { ExecuteResult } from '../../../contract/queries';
import { responseBody } from '../body';
import { formatBytes, formatDuration, jsonSize, statusText } from '../format';

/** Twilio's HTTP status, the time the run took and the size of the answer. */
export function StatusLine({ result }: { result: ExecuteResult }) {
  const success = result.status >= 200 && result.status < 300;
  return (
    <Stack
      direction="row"
      spacing={2}
      useFlexGap
      role="status"
      sx={{ alignItems: 'center', flexWrap: 'wrap' }}
    >
      <Chip
        label={statusText(result.status)}
        color={success ? 'success' : 'error'}
        size="small"
        sx={{ fontWeight: 600 }}
        data-testid="response-status"
      />
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        Time: <strong>{formatDuration(result.durationMs)}</strong>
      </Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        Size: <strong>{formatBytes(jsonSize(responseBody(result)))}</strong>
      </Typography>
    </Stack>
  );
}
