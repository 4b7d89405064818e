import { Box, ButtonBase, Chip, Link } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';
import { errorDocsUrl, GROUP_COLOR, statusGroup, type Message, type SortKey } from '../model';

// The rows, virtualized: only about a screenful is in the DOM however many are loaded.

export interface Column {
  id: string;
  label: string;
  width: string;
  sort?: SortKey;
  render(m: Message): ReactNode;
}

const dateText = (m: Message) => {
  const raw = m.date_sent ?? m.date_created;
  const ms = Date.parse(raw);
  return Number.isNaN(ms)
    ? raw
    : new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
};

export const COLUMNS: Column[] = [
  {
    id: 'date',
    label: 'Date sent',
    width: '170px',
    sort: 'date',
    render: (m) => <span title={m.date_sent ?? `created ${m.date_created}`}>{dateText(m)}</span>,
  },
  { id: 'direction', label: 'Direction', width: '110px', render: (m) => m.direction },
  { id: 'from', label: 'From', width: '150px', sort: 'from', render: (m) => m.from ?? '' },
  { id: 'to', label: 'To', width: '150px', sort: 'to', render: (m) => m.to },
  {
    id: 'body',
    label: 'Body',
    width: 'minmax(160px, 1fr)',
    render: (m) => (
      <span
        title={m.body}
        style={{
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
          display: 'block',
        }}
      >
        {m.body}
      </span>
    ),
  },
  {
    id: 'status',
    label: 'Status',
    width: '120px',
    sort: 'status',
    render: (m) => (
      <Chip size="small" label={m.status} color={GROUP_COLOR[statusGroup(m.status)]} />
    ),
  },
  {
    id: 'segments',
    label: 'Segments',
    width: '80px',
    sort: 'segments',
    render: (m) => m.num_segments,
  },
  {
    id: 'price',
    label: 'Price',
    width: '90px',
    sort: 'price',
    render: (m) => (m.price ? `${m.price} ${m.price_unit ?? ''}` : ''),
  },
  {
    id: 'error',
    label: 'Error code',
    width: '90px',
    render: (m) =>
      m.error_code ? (
        <Link
          href={errorDocsUrl(m.error_code)}
          target="_blank"
          rel="noreferrer"
          title={m.error_message ?? undefined}
          onClick={(e) => e.stopPropagation()}
        >
          {m.error_code}
        </Link>
      ) : (
        ''
      ),
  },
  {
    id: 'sid',
    label: 'SID',
    width: '150px',
    render: (m) => (
      <span style={{ fontFamily: 'monospace', fontSize: 12 }} title={m.sid}>
        {m.sid.slice(0, 10)}…
      </span>
    ),
  },
];

const ROW_HEIGHT = 40;

export interface MessageRowsProps {
  rows: readonly Message[];
  columns: Column[];
  sort: { key: SortKey; descending: boolean };
  onSort(key: SortKey): void;
  onOpen(m: Message): void;
  height?: number;
}

export function MessageRows({
  rows,
  columns,
  sort,
  onSort,
  onOpen,
  height = 440,
}: MessageRowsProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 1000, height },
  });
  const template = columns.map((c) => c.width).join(' ');
  const cell = {
    px: 1,
    overflow: 'hidden',
    display: 'flex',
    alignItems: 'center',
    minWidth: 0,
  } as const;

  return (
    <Box
      role="table"
      aria-label="Message log"
      aria-rowcount={rows.length + 1}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, overflowX: 'auto' }}
    >
      <Box
        role="row"
        aria-rowindex={1}
        sx={{
          display: 'grid',
          gridTemplateColumns: template,
          borderBottom: 1,
          borderColor: 'divider',
          bgcolor: 'action.hover',
          minWidth: 'fit-content',
        }}
      >
        {columns.map((c) => (
          <Box
            key={c.id}
            role="columnheader"
            aria-sort={
              c.sort && sort.key === c.sort
                ? sort.descending
                  ? 'descending'
                  : 'ascending'
                : undefined
            }
            sx={{ ...cell, height: ROW_HEIGHT, fontWeight: 600, fontSize: 13 }}
          >
            {c.sort ? (
              <ButtonBase
                onClick={() => onSort(c.sort!)}
                sx={{ fontWeight: 600, fontSize: 13 }}
                aria-label={`Sort by ${c.label}`}
              >
                {c.label}
                {sort.key === c.sort ? (sort.descending ? ' ▼' : ' ▲') : ''}
              </ButtonBase>
            ) : (
              c.label
            )}
          </Box>
        ))}
      </Box>
      <Box
        ref={scroller}
        sx={{
          height: rows.length === 0 ? 'auto' : height,
          overflowY: 'auto',
          minWidth: 'fit-content',
        }}
        data-testid="message-log-scroller"
      >
        {rows.length === 0 && (
          <Box role="row" sx={{ p: 2 }}>
            <span role="cell">No messages match.</span>
          </Box>
        )}
        <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const m = rows[item.index]!;
            return (
              <Box
                key={m.sid}
                role="row"
                aria-rowindex={item.index + 2}
                tabIndex={0}
                onClick={() => onOpen(m)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onOpen(m);
                }}
                sx={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                  height: ROW_HEIGHT,
                  display: 'grid',
                  gridTemplateColumns: template,
                  borderBottom: 1,
                  borderColor: 'divider',
                  cursor: 'pointer',
                  fontSize: 14,
                  '&:hover, &:focus-visible': { bgcolor: 'action.hover' },
                }}
              >
                {columns.map((c) => (
                  <Box key={c.id} role="cell" sx={cell}>
                    {c.render(m)}
                  </Box>
                ))}
              </Box>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}
