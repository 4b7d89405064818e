import { Box, CircularProgress, Divider, Paper, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useId, useState, type ReactNode } from 'react';
import type { CommandId } from '../../../contract/commands/types';
import type { ExecuteResult } from '../../../contract/queries';
import type { RunState } from '../../../lib/run-state';
import { hasNoBody, responseBody } from '../body';
import { JsonView, NoBody, RawView } from './body-views';
import { RequestView } from './request-view';
import { RunErrorAlert } from './run-error-alert';
import { StatusLine } from './status-line';
import { TwilioErrorAlert } from './twilio-error-alert';

export interface ResponsePanelProps {
  command: CommandId;
  run: RunState;
  /** Called with a field's name when a person asks to go to the field our validation rejected. */
  onFieldClick?: (field: string) => void;
  /** Renders a successful List Message's Table tab (the app puts the message log there). */
  renderTable: (result: ExecuteResult) => ReactNode;
}

type View = 'json' | 'raw' | 'request' | 'table';

const VIEW_LABELS: Record<View, string> = {
  json: 'JSON',
  raw: 'Raw',
  request: 'Request',
  table: 'Table',
};

interface ResultViewsProps {
  command: CommandId;
  result: ExecuteResult;
  chosen: View;
  onChoose: (view: View) => void;
  renderTable: (result: ExecuteResult) => ReactNode;
}

function ResultViews({ command, result, chosen, onChoose, renderTable }: ResultViewsProps) {
  // A refusal holds no page of messages, so the table is offered only for a successful list.
  const views: View[] =
    command === 'list-messages' && result.ok
      ? ['json', 'raw', 'request', 'table']
      : ['json', 'raw', 'request'];
  // The table disappears with another command or a refusal; fall back to JSON rather than to nothing.
  const view = views.includes(chosen) ? chosen : 'json';
  const base = useId();
  const tabId = (v: View) => `${base}-tab-${v}`;
  const panelId = (v: View) => `${base}-panel-${v}`;
  const body = responseBody(result);
  const empty = hasNoBody(result);

  return (
    <Box>
      <Tabs
        value={view}
        onChange={(_, v: View) => onChoose(v)}
        aria-label="Response views"
        sx={{ borderBottom: 1, borderColor: 'divider' }}
      >
        {views.map((v) => (
          <Tab key={v} value={v} label={VIEW_LABELS[v]} id={tabId(v)} aria-controls={panelId(v)} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)} sx={{ pt: 2 }}>
        {view === 'json' && (empty ? <NoBody status={result.status} /> : <JsonView body={body} />)}
        {view === 'raw' && (empty ? <NoBody status={result.status} /> : <RawView body={body} />)}
        {view === 'request' && <RequestView request={result.request} />}
        {view === 'table' && renderTable(result)}
      </Box>
    </Box>
  );
}

function Idle() {
  return (
    <Typography variant="body2" sx={{ color: 'text.secondary' }}>
      Run the query to see Twilio&apos;s response. Press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (
      <kbd>Cmd</kbd>+<kbd>Enter</kbd> on a Mac) to run it from the editor.
    </Typography>
  );
}

function Running() {
  return (
    <Stack direction="row" spacing={1.5} role="status" sx={{ alignItems: 'center' }}>
      <CircularProgress size={20} aria-label="Waiting for Twilio's response" />
      <Typography variant="body2">Running the query…</Typography>
    </Stack>
  );
}

/** The answer to the last run of a query: Twilio's status, body and request, or why it failed. */
export function ResponsePanel({ command, run, onFieldClick, renderTable }: ResponsePanelProps) {
  // Lifted here so the chosen view survives the next run, during which the views are unmounted.
  const [view, setView] = useState<View>('json');
  return (
    <Paper
      component="section"
      role="region"
      aria-label="Response"
      aria-busy={run.status === 'running'}
      variant="outlined"
      sx={{ p: 2 }}
    >
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
        Response
      </Typography>
      {run.status === 'idle' && <Idle />}
      {run.status === 'running' && <Running />}
      {run.status === 'failed' && (
        <RunErrorAlert command={command} error={run.error} onFieldClick={onFieldClick} />
      )}
      {run.status === 'done' && (
        <Stack spacing={2}>
          <StatusLine result={run.result} />
          {!run.result.ok && <TwilioErrorAlert result={run.result} />}
          <Divider />
          {/* Keyed by run so a new answer starts with a freshly folded tree. */}
          <ResultViews
            key={run.startedAt}
            command={command}
            result={run.result}
            chosen={view}
            onChoose={setView}
            renderTable={renderTable}
          />
        </Stack>
      )}
    </Paper>
  );
}
