import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  LinearProgress,
  ListItemIcon,
  Menu,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../contract/twilio-limits';
import { downloadText } from '../../../lib/download';
import {
  EMPTY_FILTERS,
  searchMessages,
  sortMessages,
  messagesCsv,
  type ListPage,
  type LogFilters,
  type Message,
  type SortKey,
  type StatusGroup,
} from '../model';
import { useMessageLog, type MessageLogSource } from '../use-message-log';
import { MessageDrawer } from './message-drawer';
import { COLUMNS, MessageRows } from './message-rows';
import { StatusChart } from './status-chart';

// The message log: Twilio's filters (To, From, a date range) run through the relay; status and
// quick search work on the loaded rows (Twilio has no status filter); paging follows
// next_page_uri a page at a time or to the end; a row opens its details and actions.

export interface MessageLogProps {
  source: MessageLogSource;
  /** A page already loaded (a List Message response), shown without asking again. */
  initial: ListPage;
  initialFilters?: Partial<LogFilters>;
  height?: number;
}

export function MessageLog({ source, initial, initialFilters, height }: MessageLogProps) {
  const startFilters = { ...EMPTY_FILTERS, ...initialFilters };
  const log = useMessageLog(source, initial, startFilters);
  const [draft, setDraft] = useState<LogFilters>(startFilters);
  const [search, setSearch] = useState('');
  const [groups, setGroups] = useState<Set<StatusGroup>>(new Set());
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'date',
    descending: true,
  });
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [columnsMenu, setColumnsMenu] = useState<HTMLElement | null>(null);
  const [open, setOpen] = useState<Message | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const visible = useMemo(
    () => sortMessages(searchMessages(log.rows, search, groups), sort.key, sort.descending),
    [log.rows, search, groups, sort],
  );
  const columns = COLUMNS.filter((c) => !hidden.has(c.id));
  const { historyOf } = log;
  const history = useMemo(() => (open ? historyOf(open.sid) : []), [open, historyOf]);
  const busy = log.loading !== 'idle';

  const toggleGroup = (g: StatusGroup) =>
    setGroups((prev) => {
      const next = new Set(prev);
      if (next.has(g)) next.delete(g);
      else next.add(g);
      return next;
    });

  return (
    <Stack spacing={2} component="section" aria-label="Message log">
      <Box
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          void log.load(draft);
        }}
        aria-label="Twilio filters"
      >
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={1}
          useFlexGap
          sx={{ flexWrap: 'wrap', alignItems: { md: 'center' } }}
        >
          <TextField
            size="small"
            label="To"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            placeholder="+15558675310"
          />
          <TextField
            size="small"
            label="From"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
          <TextField
            size="small"
            type="date"
            label="Sent on or after"
            value={draft.dateSentAfter}
            onChange={(e) => setDraft({ ...draft, dateSentAfter: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            size="small"
            type="date"
            label="Sent on or before"
            value={draft.dateSentBefore}
            onChange={(e) => setDraft({ ...draft, dateSentBefore: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            size="small"
            select
            label="Page size"
            value={draft.pageSize}
            onChange={(e) => setDraft({ ...draft, pageSize: Number(e.target.value) })}
            sx={{ width: 110 }}
          >
            {[DEFAULT_PAGE_SIZE, 100, 500, MAX_PAGE_SIZE].map((n) => (
              <MenuItem key={n} value={n}>
                {n}
              </MenuItem>
            ))}
          </TextField>
          <Button type="submit" variant="contained" disabled={busy}>
            Apply
          </Button>
          <Button onClick={() => void log.refresh()} disabled={busy}>
            Refresh
          </Button>
          <FormControlLabel
            control={
              <Switch
                checked={log.autoRefresh}
                onChange={(e) => log.setAutoRefresh(e.target.checked)}
              />
            }
            label="Auto-refresh while in flight"
          />
        </Stack>
      </Box>
      <StatusChart rows={log.rows} selected={groups} onToggle={toggleGroup} />
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={1}
        useFlexGap
        sx={{ flexWrap: 'wrap', alignItems: { md: 'center' } }}
      >
        <TextField
          size="small"
          label="Search loaded messages"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }} aria-live="polite">
          {visible.length} of {log.rows.length} loaded messages shown
          {groups.size > 0
            ? ` · status filter applies to loaded rows only (Twilio has no status filter)`
            : ''}
          {log.hasMore ? ' · more on Twilio' : ' · all loaded'}
        </Typography>
        <Button size="small" onClick={(e) => setColumnsMenu(e.currentTarget)} aria-haspopup="menu">
          Columns
        </Button>
        <Menu
          anchorEl={columnsMenu}
          open={columnsMenu !== null}
          onClose={() => setColumnsMenu(null)}
        >
          {COLUMNS.map((c) => (
            <MenuItem
              key={c.id}
              onClick={() =>
                setHidden((prev) => {
                  const next = new Set(prev);
                  if (next.has(c.id)) next.delete(c.id);
                  else next.add(c.id);
                  return next;
                })
              }
            >
              <ListItemIcon>
                <Checkbox
                  edge="start"
                  size="small"
                  checked={!hidden.has(c.id)}
                  tabIndex={-1}
                  slotProps={{ input: { 'aria-label': c.label } }}
                />
              </ListItemIcon>
              {c.label}
            </MenuItem>
          ))}
        </Menu>
        <Button
          size="small"
          onClick={() => downloadText('messages.csv', messagesCsv(visible))}
          disabled={visible.length === 0}
        >
          Export CSV
        </Button>
        <Button
          size="small"
          onClick={() => {
            void navigator.clipboard?.writeText(source.curl(log.filters)).then(
              () => setCopied('Copied'),
              () => setCopied('Copy failed'),
            );
          }}
        >
          {copied ?? 'Copy as cURL'}
        </Button>
      </Stack>
      {log.error && <Alert severity="error">{log.error}</Alert>}
      {busy && (
        <Stack spacing={0.5}>
          <LinearProgress aria-label="Loading messages" />
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" role="status">
              Loaded {log.progress.pages} page{log.progress.pages === 1 ? '' : 's'},{' '}
              {log.progress.messages} messages
            </Typography>
            {log.loading === 'all' && (
              <Button size="small" color="warning" onClick={log.stop}>
                Stop
              </Button>
            )}
          </Stack>
        </Stack>
      )}
      <MessageRows
        rows={visible}
        columns={columns}
        sort={sort}
        onSort={(key) =>
          setSort((s) => ({ key, descending: s.key === key ? !s.descending : true }))
        }
        onOpen={setOpen}
        height={height}
      />
      {log.hasMore && (
        <Stack direction="row" spacing={1}>
          <Button variant="outlined" onClick={() => void log.loadMore(false)} disabled={busy}>
            Load more
          </Button>
          <Button onClick={() => void log.loadMore(true)} disabled={busy}>
            Load all
          </Button>
        </Stack>
      )}
      <MessageDrawer
        message={open}
        history={history}
        source={source}
        onClose={() => setOpen(null)}
        onUpdated={log.replace}
        onDeleted={log.drop}
      />
    </Stack>
  );
}
