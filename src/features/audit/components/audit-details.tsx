import { Box, Typography } from '@mui/material';
import type { AuditEvent } from '../../../contract/accounts';
import { changesOf, commandLabel, runOf } from '../model';

// An event's details, opened: a run's command, To, SID, status and error code; a change's fields
// before and after; anything else as its JSON.

const show = (v: unknown) =>
  v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v);

function Pairs({ pairs }: { pairs: [string, string | number | null][] }) {
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 2,
        rowGap: 0.5,
        m: 0,
      }}
    >
      {pairs
        .filter(([, v]) => v !== null && v !== '')
        .map(([k, v]) => (
          <Box key={k} sx={{ display: 'contents' }}>
            <Box component="dt" sx={{ color: 'text.secondary' }}>
              {k}
            </Box>
            <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {v}
            </Box>
          </Box>
        ))}
    </Box>
  );
}

export function AuditDetails({ event }: { event: AuditEvent }) {
  const run = runOf(event);
  if (run)
    return (
      <Pairs
        pairs={[
          ['Command', commandLabel(run.command)],
          ['Query', run.queryName],
          ['To', run.to],
          ['Body', run.body],
          ['SID', run.sid],
          ['Status', run.status],
          ['Error code', run.errorCode],
          ['Duration', run.durationMs === null ? null : `${run.durationMs} ms`],
        ]}
      />
    );
  const changes = changesOf(event);
  if (changes)
    return changes.length === 0 ? (
      <Typography variant="body2">Nothing changed.</Typography>
    ) : (
      <Pairs pairs={changes.map((c) => [c.field, `${show(c.before)} → ${show(c.after)}`])} />
    );
  return (
    <Box component="pre" sx={{ m: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
      {JSON.stringify(event.details, null, 2)}
    </Box>
  );
}
