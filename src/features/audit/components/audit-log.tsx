import {
  Alert,
  Box,
  Button,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { AUDIT_ACTIONS } from '../../../contract/accounts';
import { downloadText } from '../../../lib/download';
import { useAuditLog } from '../api/audit';
import { auditCsv, EMPTY_AUDIT_FILTERS, type AuditFilters } from '../model';
import { AuditRows } from './audit-rows';

// The Audit screen's body: filters the server applies, the events newest first a page at a time,
// and the loaded events as CSV.

export function AuditLog({ height }: { height?: number }) {
  const [draft, setDraft] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  const log = useAuditLog(filters);
  const events = log.data?.pages.flatMap((p) => p.events) ?? [];
  const set = (field: keyof AuditFilters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: e.target.value });
  const dateField = { inputLabel: { shrink: true } };

  return (
    <Stack spacing={2} component="section" aria-label="Audit log">
      <Box
        component="form"
        aria-label="Audit filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={1}
          useFlexGap
          sx={{ flexWrap: 'wrap', alignItems: { md: 'center' } }}
        >
          <TextField size="small" label="Actor" value={draft.actor} onChange={set('actor')} />
          <TextField
            size="small"
            select
            label="Action"
            value={draft.action}
            onChange={set('action')}
            sx={{ minWidth: 200 }}
          >
            <MenuItem value="">Any action</MenuItem>
            {AUDIT_ACTIONS.map((a) => (
              <MenuItem key={a} value={a}>
                {a}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            type="datetime-local"
            label="Since"
            value={draft.since}
            onChange={set('since')}
            slotProps={dateField}
          />
          <TextField
            size="small"
            type="datetime-local"
            label="Until"
            value={draft.until}
            onChange={set('until')}
            slotProps={dateField}
          />
          <Button type="submit" variant="contained">
            Apply
          </Button>
          <Button
            onClick={() => {
              setDraft(EMPTY_AUDIT_FILTERS);
              setFilters(EMPTY_AUDIT_FILTERS);
            }}
          >
            Clear
          </Button>
        </Stack>
      </Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }} role="status">
          {log.isPending
            ? 'Loading events…'
            : `${events.length} event${events.length === 1 ? '' : 's'} loaded${log.hasNextPage ? ' · older ones on the server' : ' · all loaded'}`}
        </Typography>
        <Button size="small" onClick={() => void log.refetch()} disabled={log.isFetching}>
          Refresh
        </Button>
        <Button
          size="small"
          onClick={() => downloadText('audit-log.csv', auditCsv(events))}
          disabled={events.length === 0}
        >
          Export CSV
        </Button>
      </Stack>
      {log.isError && <Alert severity="error">{log.error.message}</Alert>}
      {log.isFetching && <LinearProgress aria-label="Loading events" />}
      {!log.isPending && <AuditRows events={events} height={height} />}
      {log.hasNextPage && (
        <Box>
          <Button
            variant="outlined"
            onClick={() => void log.fetchNextPage()}
            disabled={log.isFetchingNextPage}
            loading={log.isFetchingNextPage}
          >
            Load more
          </Button>
        </Box>
      )}
    </Stack>
  );
}
