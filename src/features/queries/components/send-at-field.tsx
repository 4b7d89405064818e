import { Button, Stack, TextField, Typography } from '@mui/material';
import { BindingField, type BindingFieldProps } from '../../../components/binding-field';
import { checkSendAt, minutesText } from '../../../contract/schedule';
import { SCHEDULE_MAX_DAYS } from '../../../contract/twilio-limits';

// Send At: ISO 8601 UTC text, or a local date-time picker converted to UTC, with the local time
// spelled out and whether Twilio's scheduling window accepts it.

const toIsoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function toLocalInput(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export interface SendAtFieldProps extends BindingFieldProps {
  now: () => number;
  minSeconds: number;
}

export function SendAtField({
  value,
  onChange,
  now,
  minSeconds,
  helperText,
  error,
  ...rest
}: SendAtFieldProps) {
  const trimmed = value.trim();
  const check =
    trimmed && !trimmed.includes('{{') ? checkSendAt(trimmed, { now: now(), minSeconds }) : null;
  const local = check?.ok
    ? new Date(check.at).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' })
    : null;
  const status = check
    ? check.ok
      ? `Your time: ${local}. Inside Twilio's scheduling window.`
      : check.message
    : `ISO 8601 UTC, at least ${minutesText(Math.ceil(minSeconds / 60))} and at most ${SCHEDULE_MAX_DAYS} days ahead.`;
  const id = rest.id ?? 'send-at';
  return (
    <Stack spacing={1}>
      <BindingField
        {...rest}
        id={id}
        value={value}
        onChange={onChange}
        error={error || (check !== null && !check.ok)}
        helperText={helperText ?? status}
      />
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          type="datetime-local"
          size="small"
          label="Pick in your time zone"
          value={trimmed.includes('{{') ? '' : toLocalInput(trimmed)}
          onChange={(e) => {
            const ms = Date.parse(e.target.value);
            if (!Number.isNaN(ms)) onChange(toIsoSeconds(ms));
          }}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Typography variant="body2" color="text.secondary" component="span">
          Quick:
        </Typography>
        {[
          ['+20 min', 20 * 60_000],
          ['+1 hour', 3_600_000],
          ['+1 day', 86_400_000],
        ].map(([label, ms]) => (
          <Button
            key={label as string}
            size="small"
            variant="text"
            onClick={() => onChange(toIsoSeconds(now() + (ms as number)))}
          >
            {label}
          </Button>
        ))}
      </Stack>
    </Stack>
  );
}
