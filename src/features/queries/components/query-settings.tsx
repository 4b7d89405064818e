import { FormControlLabel, Stack, Switch, TextField } from '@mui/material';
import { useState } from 'react';
import { MAX_TIMEOUT_MS, type QuerySettings } from '../../../contract/queries';

export function QuerySettingsForm({
  value,
  onChange,
}: {
  value: QuerySettings;
  onChange(next: QuerySettings): void;
}) {
  const [timeoutText, setTimeoutText] = useState(String(value.timeoutMs));
  const timeout = Number(timeoutText);
  const timeoutError =
    !/^\d+$/.test(timeoutText) || timeout < 1000 || timeout > MAX_TIMEOUT_MS
      ? `A whole number of milliseconds from 1000 to ${MAX_TIMEOUT_MS}`
      : null;
  return (
    <Stack spacing={2} sx={{ maxWidth: 480 }}>
      <FormControlLabel
        control={
          <Switch
            checked={value.runOnPageLoad}
            onChange={(e) => onChange({ ...value, runOnPageLoad: e.target.checked })}
          />
        }
        label="Run query on page load"
      />
      <FormControlLabel
        control={
          <Switch
            checked={value.confirmBeforeRun}
            onChange={(e) => onChange({ ...value, confirmBeforeRun: e.target.checked })}
          />
        }
        label="Request confirmation before running"
      />
      <TextField
        label="Timeout (ms)"
        value={timeoutText}
        onChange={(e) => {
          setTimeoutText(e.target.value);
          const n = Number(e.target.value);
          if (/^\d+$/.test(e.target.value) && n >= 1000 && n <= MAX_TIMEOUT_MS)
            onChange({ ...value, timeoutMs: n });
        }}
        error={timeoutError !== null}
        helperText={
          timeoutError ?? 'How long to wait for Twilio before giving up (at most 60 seconds).'
        }
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      />
    </Stack>
  );
}
