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
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useConfirm } from '../../../components/confirm';
import { EditConflictAlert } from '../../../components/edit-conflict-alert';
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
import { useEditConflict } from '../../../lib/edit-conflict';
import { runErrorOf, runStateOf, type RunState } from '../../../lib/run-state';
import { executeKeys, executeMutationOptions } from '../api/execute-command';
import { savedQueryOptions, useDeleteQuery, useUpdateQuery } from '../api/queries';
import { useDebouncedSave } from '../hooks/use-debounced-save';
import type { RawParams, TextResolver } from '../resolve-params';
import { CommandForm, type CommandFormHandle } from './command-form';
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

/**
 * Edits a saved query, saving as it goes. After an edit conflict, Reload starts the editor again
 * from the version saved by the other person.
 */
export function QueryEditor(props: QueryEditorProps) {
  const [opened, setOpened] = useState({ query: props.query, generation: 0 });
  return (
    <EditorBody
      key={opened.generation}
      {...props}
      opened={opened.query}
      onReloaded={(query) => setOpened((o) => ({ query, generation: o.generation + 1 }))}
    />
  );
}

interface EditorBodyProps extends QueryEditorProps {
  /** What the editor starts from: the query as opened, or as reloaded after a conflict. */
  opened: SavedQuery;
  onReloaded(query: SavedQuery): void;
}

function EditorBody({
  query,
  opened,
  onReloaded,
  datasources,
  choices,
  now = Date.now,
  resolveText,
  suggestions,
  renderResponse,
  onDeleted,
  onRunChange,
}: EditorBodyProps) {
  const [name, setName] = useState(opened.name);
  const [command, setCommand] = useState<CommandId>(opened.command);
  const [datasourceId, setDatasourceId] = useState(opened.datasourceId);
  const [settings, setSettings] = useState<QuerySettings>(opened.settings);
  const [tab, setTab] = useState<'params' | 'settings'>('params');
  const [nameError, setNameError] = useState<string | null>(null);
  // What was typed in each command's form, kept while switching between commands.
  const drafts = useRef(new Map<CommandId, RawParams>([[opened.command, opened.params]]));
  const [params, setParams] = useState<RawParams>(opened.params);
  const formRef = useRef<CommandFormHandle>(null);
  const edits = useEditConflict(opened.version);
  const update = useUpdateQuery(query.id, edits);
  const remove = useDeleteQuery();
  const confirm = useConfirm();
  const client = useQueryClient();
  // This editor's runs: another editor of the same query (after navigating back) starts afresh.
  const editorId = useId();
  const runKey = [...executeKeys.all, editorId];
  const execute = useMutation({
    ...executeMutationOptions(),
    mutationKey: runKey,
    // The options' callbacks, not mutate's: they still tell a run that ends after the editor has gone.
    onMutate: () => {
      const startedAt = Date.now();
      onRunChange?.({ status: 'running', startedAt });
      return startedAt;
    },
    onSuccess: (result, _input, startedAt) => onRunChange?.({ status: 'done', result, startedAt }),
    onError: (err, _input, startedAt) =>
      onRunChange?.({ status: 'failed', error: runErrorOf(err), startedAt: startedAt ?? 0 }),
  });
  const run = runStateOf(execute);
  const datasource = datasources.find((d) => d.id === datasourceId);

  const nameCheck = queryNameSchema.safeParse(name);
  const draft = {
    name: name.trim(),
    command,
    datasourceId,
    params: params as QueryPatch['params'],
    settings,
  };
  const autosave = useDebouncedSave(
    draft,
    (value) =>
      update.mutate(value, {
        onError: (err) =>
          setNameError(err instanceof ApiError && err.field === 'name' ? err.message : null),
        onSuccess: () => setNameError(null),
      }),
    600,
    nameCheck.success && !edits.conflict,
  );
  const reload = async () => {
    onReloaded(await client.fetchQuery({ ...savedQueryOptions(query.id), staleTime: 0 }));
  };

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
    execute.reset();
  };

  const describeRun = (values: Record<string, unknown>) =>
    `${COMMANDS[command].label}${typeof values.to === 'string' ? ` to ${values.to}` : ''}${typeof values.messageSid === 'string' ? ` for ${values.messageSid}` : ''} on ${datasource?.name ?? 'this datasource'}.`;

  // One click (or Ctrl+Enter) is one request. Checking the form and asking come before the
  // mutation exists, so a ref holds a second click off then; after that the mutation cache knows at
  // once that a run is pending, where isPending waits for the render that disables Run.
  const asking = useRef(false);
  const startRun = async () => {
    if (asking.current || client.isMutating({ mutationKey: runKey }) > 0) return;
    asking.current = true;
    try {
      const values = await formRef.current?.validate();
      if (!values) {
        setTab('params');
        return;
      }
      if (
        settings.confirmBeforeRun &&
        !(await confirm({
          title: `Run ${name}?`,
          detail: describeRun(values),
          confirmLabel: 'Run',
        }))
      )
        return;
      execute.mutate(
        { datasourceId, command, params: values, timeoutMs: settings.timeoutMs },
        {
          onError: (err) => {
            if (err instanceof ApiError && err.field)
              formRef.current?.setFieldError(err.field, err.message);
          },
        },
      );
    } finally {
      asking.current = false;
    }
  };

  const deleteQuery = async () => {
    const sure = await confirm({
      title: `Delete query ${query.name}?`,
      detail: 'This cannot be undone.',
      confirmLabel: 'Delete',
      destructive: true,
    });
    if (sure) remove.mutate(query.id, { onSuccess: onDeleted });
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
            {edits.conflict
              ? ''
              : update.isPending
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
                disabled={execute.isPending}
                loading={execute.isPending}
              >
                Run
              </Button>
            </span>
          </Tooltip>
          <Tooltip title="Delete query">
            <IconButton aria-label="Delete query" onClick={() => void deleteQuery()}>
              <span aria-hidden style={{ fontSize: 14 }}>
                ✕
              </span>
            </IconButton>
          </Tooltip>
        </Stack>
      </Stack>
      {edits.conflict && (
        <EditConflictAlert
          conflict={edits.conflict}
          what="query"
          onReload={reload}
          onKeepMine={() => {
            edits.overwrite();
            autosave.saveNow();
          }}
          keeping={update.isPending}
          mine={() => draft}
        />
      )}
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
    </Stack>
  );
}
