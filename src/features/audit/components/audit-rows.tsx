import { Box, Button, Chip } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { AuditEvent, AuditOutcome } from '../../../contract/accounts';
import { formatTime, summaryOf } from '../model';
import { AuditDetails } from './audit-details';

// The events, virtualized as the message log is: only about a screenful is in the DOM however
// many pages are loaded. An opened row is taller, so rows are measured rather than assumed.

const COLUMNS = [
  { label: 'Time', width: '170px' },
  { label: 'Actor', width: '130px' },
  { label: 'Action', width: '170px' },
  { label: 'Target', width: '180px' },
  { label: 'Outcome', width: '100px' },
  { label: 'IP', width: '130px' },
  { label: 'Details', width: 'minmax(220px, 1fr)' },
];
const TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
const ROW_HEIGHT = 40;

const OUTCOME_COLOR: Record<AuditOutcome, 'success' | 'error' | 'warning'> = {
  success: 'success',
  failure: 'error',
  denied: 'warning',
};

const cell = {
  px: 1,
  minHeight: ROW_HEIGHT,
  overflow: 'hidden',
  display: 'flex',
  alignItems: 'center',
  minWidth: 0,
} as const;
const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

export function AuditRows({ events, height = 480 }: { events: AuditEvent[]; height?: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => events[i]!.id,
    overscan: 8,
    initialRect: { width: 1000, height },
  });
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Box
      role="table"
      aria-label="Audit events"
      aria-rowcount={events.length + 1}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, overflowX: 'auto' }}
    >
      <Box
        role="row"
        aria-rowindex={1}
        sx={{
          display: 'grid',
          gridTemplateColumns: TEMPLATE,
          bgcolor: 'action.hover',
          borderBottom: 1,
          borderColor: 'divider',
          minWidth: 'fit-content',
        }}
      >
        {COLUMNS.map((c) => (
          <Box key={c.label} role="columnheader" sx={{ ...cell, fontWeight: 600, fontSize: 13 }}>
            {c.label}
          </Box>
        ))}
      </Box>
      <Box
        ref={scroller}
        sx={{ height: events.length === 0 ? 'auto' : height, overflowY: 'auto' }}
        data-testid="audit-scroller"
      >
        {events.length === 0 && (
          <Box role="row" sx={{ p: 2 }}>
            <span role="cell">No events match.</span>
          </Box>
        )}
        <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const e = events[item.index]!;
            const expanded = open.has(e.id);
            const panelId = `audit-details-${e.id}`;
            return (
              <Box
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                sx={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: TEMPLATE,
                  borderBottom: 1,
                  borderColor: 'divider',
                  fontSize: 14,
                  minWidth: 'fit-content',
                }}
              >
                <Box role="cell" sx={cell} title={e.at}>
                  {formatTime(e.at)}
                </Box>
                <Box role="cell" sx={{ ...cell, ...ellipsis }}>
                  {e.actor}
                </Box>
                <Box role="cell" sx={{ ...cell, fontFamily: 'monospace', fontSize: 13 }}>
                  {e.action}
                </Box>
                <Box role="cell" sx={{ ...cell, ...ellipsis }} title={e.target ?? undefined}>
                  {e.target ?? ''}
                </Box>
                <Box role="cell" sx={cell}>
                  <Chip size="small" label={e.outcome} color={OUTCOME_COLOR[e.outcome]} />
                </Box>
                <Box role="cell" sx={cell}>
                  {e.ip ?? ''}
                </Box>
                <Box role="cell" sx={{ ...cell, gap: 1 }}>
                  <Box component="span" sx={{ ...ellipsis, flexGrow: 1 }} title={summaryOf(e)}>
                    {summaryOf(e)}
                  </Box>
                  <Button
                    size="small"
                    onClick={() => toggle(e.id)}
                    aria-expanded={expanded}
                    aria-controls={expanded ? panelId : undefined}
                    sx={{ flexShrink: 0 }}
                  >
                    {expanded ? 'Hide details' : 'Show details'}
                  </Button>
                </Box>
                {expanded && (
                  <Box
                    role="cell"
                    id={panelId}
                    aria-colspan={COLUMNS.length}
                    aria-label={`Details of ${e.action}`}
                    sx={{ gridColumn: '1 / -1', px: 2, py: 1, bgcolor: 'action.hover' }}
                  >
                    <AuditDetails event={e} />
                  </Box>
                )}
              </Box>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}
