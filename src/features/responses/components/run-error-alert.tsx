import { Alert, AlertTitle, Button, Typography } from '@mui/material';
import { COMMANDS } from '../../../contract/commands/definitions';
import type { CommandId } from '../../../contract/commands/types';
import type { RunError } from '../../../lib/run-state';

function fieldLabel(command: CommandId, field: string): string {
  const definitions: readonly { name: string; label: string }[] = COMMANDS[command].fields;
  return definitions.find((f) => f.name === field)?.label ?? field;
}

function title(error: RunError, sends: boolean): string {
  if (error.status === 504 && error.code === 'upstream_timeout') {
    return sends
      ? 'Outcome unknown: Twilio did not answer in time, and the message may or may not have been sent'
      : 'Outcome unknown: Twilio did not answer in time';
  }
  if (error.code === 'invalid_params') return 'Not sent: a field needs fixing';
  if (error.status === 502) return 'Twilio could not be reached or answered something unreadable';
  if (error.status >= 500) return 'The server failed to run the query';
  return 'The query could not be run';
}

/** An error of our own server (validation, a missing datasource, an upstream failure or timeout). */
export function RunErrorAlert({
  command,
  error,
  onFieldClick,
}: {
  command: CommandId;
  error: RunError;
  onFieldClick?: (field: string) => void;
}) {
  const timeout = error.status === 504 && error.code === 'upstream_timeout';
  const field = error.field;
  return (
    <Alert
      severity={timeout ? 'warning' : 'error'}
      variant={timeout ? 'filled' : 'outlined'}
      action={
        field && onFieldClick ? (
          <Button
            color="inherit"
            size="small"
            variant="outlined"
            onClick={() => onFieldClick(field)}
          >
            Go to field {fieldLabel(command, field)}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{title(error, COMMANDS[command].sends)}</AlertTitle>
      <Typography variant="body2">{error.message}</Typography>
      <Typography variant="caption" component="p" sx={{ mt: 1, opacity: 0.85 }}>
        HTTP {error.status} · {error.code}
      </Typography>
    </Alert>
  );
}
