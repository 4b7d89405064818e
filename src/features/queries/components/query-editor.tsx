import {
  Alert,
  Box,
  Button,
  IconButton,
  MenuItem,
  Stack,
  Tab,
  Tabs,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useCallback, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { COMMANDS } from '../../../contract/commands/definitions';
import { COMMAND_IDS, type CommandId } from '../../../contract/commands/types';
import type { Datasource } from '../../../contract/datasources';
import {
  queryNameSchema,
  type QueryPatch,
  type QuerySettings,
  type SavedQuery,
} from '../../../contract/queries';
import { ApiError } from '../../../lib/api-client';
import type { RunState } from '../../../lib/run-state';
import { useDeleteQuery, useExecute, useUpdateQuery } from '../api/queries';
import { useDebouncedSave } from '../hooks/use-debounced-save';
import type { RawParams, TextResolver } from '../resolve-params';
import { CommandForm, type CommandFormHandle } from './command-form';
import { ConfirmRunDialog } from './confirm-run-dialog';
import type { FieldChoices } from './param-field';
import { QuerySettingsForm } from './query-settings';

export interface QueryEditorProps {
  query: SavedQuery;
  datasources: Datasource[];
  choices: FieldChoices | undefined;
  now?: () => number;
  resolveText?: TextResolver;
  /** Names in scope (widgets, queries) for autocomplete after `{{`. */
  suggestions?: Record<string, string[]>;
  /** `command` is the one the run was made with: the editor's, which the saved query catches up with only after its debounced save. */
  renderResponse(run: RunState, focusField: (field: string) => void, command: CommandId): ReactNode;
  onDeleted(): void;
  /** Told of every run, so bindings elsewhere can read this query's latest result. */
  onRunChange?(run: RunState): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function QueryEditor({
  query,
  datasources,
  choices,
  now = Date.now,
  resolveText,
  suggestions,
  renderResponse,
  onDeleted,
  onRunChange,
}: QueryEditorProps) {
  const [name, setName] = useState(query.name);
  const [command, setCommand] = useState<CommandId>(query.command);
  const [datasourceId, setDatasourceId] = useState(query.datasourceId);
  const [settings, setSettings] = useState<QuerySettings>(query.settings);
  const [tab, setTab] = useState<'params' | 'settings'>('params');
  const [run, setRunState] = useState<RunState>({ status: 'idle' });
  const setRun = (next: RunState) => {
    setRunState(next);
    onRunChange?.(next);
  };
  const [pending, setPending] = useState<Record<string, unknown> | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  // What was typed in each command's form, kept while switching between commands.
  const drafts = useRef(new Map<CommandId, RawParams>([[query.command, query.params]]));
  const [params, setParams] = useState<RawParams>(query.params);
  const formRef = useRef<CommandFormHandle>(null);
  const update = useUpdateQuery(query.id);
  const remove = useDeleteQuery();
  const execute = useExecute();
  const datasource = datasources.find((d) => d.id === datasourceId);

  const nameCheck = queryNameSchema.safeParse(name);
  useDebouncedSave(
    { name: name.trim(), command, datasourceId, params: params as QueryPatch['params'], settings },
    (value) =>
      update.mutate(value, {
        onError: (err) =>
          setNameError(err instanceof ApiError && err.field === 'name' ? err.message : null),
        onSuccess: () => setNameError(null),
      }),
    600,
    nameCheck.success,
  );

  const onValuesChange = useCallback(
    (values: RawParams) => {
      drafts.current.set(command, values);
      setParams(values);
    },
    [command],
  );

  const switchCommand = (next: CommandId) => {
    drafts.current.set(command, params);
    const draft = drafts.current.get(next) ?? { accountSid: datasource?.accountSid ?? '' };
    setParams(draft);
    setCommand(next);
    setRun({ status: 'idle' });
  };

  const send = async (values: Record<string, unknown>) => {
    setRun({ status: 'running', startedAt: Date.now() });
    try {
      const result = await execute.mutateAsync({
        datasourceId,
        command,
        params: values,
        timeoutMs: settings.timeoutMs,
      });
      setRun({ status: 'done', result, finishedAt: Date.now() });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
      if (e.field) formRef.current?.setFieldError(e.field, e.message);
      setRun({
        status: 'failed',
        error: {
          status: e.status,
          code: e.code,
          message: e.message,
          ...(e.field ? { field: e.field } : {}),
        },
        finishedAt: Date.now(),
      });
    }
  };

  const validateAndRun = async () => {
    if (execute.isPending || pending) return;
    const values = await formRef.current?.validate();
    if (!values) {
      setTab('params');
      return;
    }
    if (settings.confirmBeforeRun) setPending(values);
    else await send(values);
  };

  // Held from a click (or Ctrl+Enter) until the answer. A ref, not state: a second click can come
  // before the render that disables Run, and one click must be one request.
  const busy = useRef(false);
  const startRun = async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      await validateAndRun();
    } finally {
      busy.current = false;
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void startRun();
    }
  };

  const definition = COMMANDS[command];
  const focusField = (field: string) => {
    setTab('params');
    setTimeout(() => formRef.current?.focus(field), 0);
  };

  return (
    <Stack spacing={2} onKeyDown={onKeyDown} component="section" aria-label={`Query ${name}`}>
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={2}
        sx={{ alignItems: { md: 'flex-start' } }}
      >
        <TextField
          label="Query name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={!nameCheck.success || nameError !== null}
          helperText={
            nameError ??
            (nameCheck.success
              ? 'Used in bindings, e.g. {{' + name.trim() + '.data}}'
              : nameCheck.error.issues[0]?.message)
          }
          sx={{ minWidth: 240 }}
        />
        <TextField
          select
          label="Datasource"
          value={datasourceId}
          onChange={(e) => setDatasourceId(e.target.value)}
          sx={{ minWidth: 220 }}
        >
          {datasources.map((d) => (
            <MenuItem key={d.id} value={d.id}>
              {d.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Commands"
          value={command}
          onChange={(e) => switchCommand(e.target.value as CommandId)}
          helperText={definition.description}
          sx={{ minWidth: 220 }}
        >
          {COMMAND_IDS.map((id) => (
            <MenuItem key={id} value={id}>
              {COMMANDS[id].label}
            </MenuItem>
          ))}
        </TextField>
        <Box sx={{ flexGrow: 1 }} />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="caption" color="text.secondary" aria-live="polite">
            {update.isPending
              ? 'Saving…'
              : update.isError && !nameError
                ? 'Not saved: ' + update.error.message
                : update.isSuccess
                  ? 'Saved'
                  : ''}
          </Typography>
          <Tooltip title={`Run (${isMac ? '⌘' : 'Ctrl'}+Enter)`}>
            <span>
              <Button
                variant="contained"
                onClick={() => void startRun()}
                disabled={execute.isPending || pending !== null}
                loading={execute.isPending}
              >
                Run
              </Button>
            </span>
          </Tooltip>
          <Tooltip title="Delete query">
            <IconButton
              aria-label="Delete query"
              onClick={() => {
                if (window.confirm(`Delete query ${query.name}? This cannot be undone.`))
                  remove.mutate(query.id, { onSuccess: onDeleted });
              }}
            >
              <span aria-hidden style={{ fontSize: 14 }}>
                ✕
              </span>
            </IconButton>
          </Tooltip>
        </Stack>
      </Stack>
      {!datasource && (
        <Alert severity="warning">This query's datasource no longer exists: choose another.</Alert>
      )}
      <Box
        sx={{
          display: 'grid',
          gap: 3,
          gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' },
          alignItems: 'start',
        }}
      >
        <Box sx={{ minWidth: 0 }}>
          <Tabs
            value={tab}
            onChange={(_e, v) => setTab(v)}
            aria-label="Query editor sections"
            sx={{ mb: 2 }}
          >
            <Tab value="params" label="Parameters" id="tab-params" aria-controls="panel-params" />
            <Tab
              value="settings"
              label="Settings"
              id="tab-settings"
              aria-controls="panel-settings"
            />
          </Tabs>
          <Box
            role="tabpanel"
            id="panel-params"
            aria-labelledby="tab-params"
            hidden={tab !== 'params'}
          >
            <CommandForm
              key={command}
              ref={formRef}
              command={command}
              defaultValues={drafts.current.get(command) ?? params}
              onValuesChange={onValuesChange}
              choices={choices}
              now={now}
              resolveText={resolveText}
              suggestions={suggestions}
            />
          </Box>
          <Box
            role="tabpanel"
            id="panel-settings"
            aria-labelledby="tab-settings"
            hidden={tab !== 'settings'}
          >
            <QuerySettingsForm value={settings} onChange={setSettings} />
          </Box>
        </Box>
        <Box sx={{ minWidth: 0, position: { lg: 'sticky' }, top: { lg: 0 } }}>
          {renderResponse(run, focusField, command)}
        </Box>
      </Box>
      <ConfirmRunDialog
        open={pending !== null}
        title={`Run ${name}?`}
        summary={`${definition.label}${typeof pending?.to === 'string' ? ` to ${pending.to}` : ''}${typeof pending?.messageSid === 'string' ? ` for ${pending.messageSid}` : ''} on ${datasource?.name ?? 'this datasource'}.`}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          const values = pending;
          setPending(null);
          if (values) void send(values);
        }}
      />
    </Stack>
  );
}
