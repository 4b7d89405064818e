import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createLogSource, filtersFromRequest } from '../../../../src/app/message-log-source';
import { ConfirmProvider } from '../../../../src/components/confirm';
import type { CommandId } from '../../../../src/contract/commands/types';
import type { QuerySettings, SavedQuery } from '../../../../src/contract/queries';
import { MessageLog, type ListPage } from '../../../../src/features/message-log';
import type { FieldChoices } from '../../../../src/features/queries/components/param-field';
import type { TextResolver } from '../../../../src/features/queries/resolve-params';
import { QueryEditor } from '../../../../src/features/queries/components/query-editor';
import { ResponsePanel } from '../../../../src/features/responses/components/response-panel';
import { renderWithClient, type MockApi } from '../../../helpers/mock-api';
import { EMULATOR, toPublic } from '../../../helpers/mock-state';
import {
  clearEditor,
  editorText,
  isEditor,
  pasteInEditor,
  typeInEditor,
} from '../../../helpers/editor';

// The query editor with the real ResponsePanel as its response preview (and the message log in its
// Table tab, as the app has it), on the emulator's datasource, with a fixed clock that the mock
// relay shares (so Send At checks agree).

export const NOW = Date.parse('2030-01-01T12:00:00Z');
export const DS_ID = 'ds_emulator';
export const EXECUTE_PATH = `/api/datasources/${DS_ID}/execute`;

export const emulatorChoices: FieldChoices = {
  phoneNumbers: EMULATOR.phoneNumbers,
  verifiedCallerIds: EMULATOR.verifiedCallerIds,
  messagingServiceSids: [EMULATOR.messagingServiceSid],
  trial: false,
  scheduleMinSeconds: 900,
};

export interface EditorOptions {
  name?: string;
  command?: CommandId;
  params?: Record<string, unknown>;
  settings?: Partial<QuerySettings>;
  choices?: FieldChoices;
  /** How {{ }} bindings are evaluated (the runtime's resolveText in the app); none by default. */
  resolveText?: TextResolver;
}

export function renderEditor(api: MockApi, options: EditorOptions = {}) {
  const query: SavedQuery = {
    id: 'q_editor',
    name: options.name ?? 'Query1',
    datasourceId: DS_ID,
    command: options.command ?? 'create-message',
    params: options.params ?? { accountSid: EMULATOR.accountSid },
    settings: {
      runOnPageLoad: false,
      confirmBeforeRun: false,
      timeoutMs: 15_000,
      ...options.settings,
    },
    createdAt: new Date(NOW).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
    version: 1,
    updatedBy: null,
  };
  api.state.queries.push(query);
  const onDeleted = vi.fn();
  const user = userEvent.setup({ delay: null });
  // The app's confirmation dialog, as the app provides it above every page.
  const view = renderWithClient(
    <ConfirmProvider>
      <QueryEditor
        query={query}
        datasources={api.state.datasources.map(toPublic)}
        choices={'choices' in options ? options.choices : emulatorChoices}
        now={() => NOW}
        resolveText={options.resolveText}
        onDeleted={onDeleted}
        renderResponse={(run, focusField, command) => (
          <ResponsePanel
            command={command}
            run={run}
            onFieldClick={focusField}
            renderTable={(result) => (
              <MessageLog
                source={createLogSource(toPublic(api.state.datasources[0]!))}
                initial={result.data as ListPage}
                initialFilters={filtersFromRequest(result.request.params)}
                height={360}
              />
            )}
          />
        )}
      />
    </ConfirmProvider>,
  );
  return { ...view, user, query, onDeleted };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A command form's control by its label exactly (a required field's asterisk aside); not a listbox
 * it labels. Text fields are binding editors (a CodeMirror content element with role textbox).
 */
export function field(label: string): HTMLInputElement {
  const matches = screen.getAllByLabelText(new RegExp(`^${escape(label)}(\\s*\\*)?$`));
  const controls = matches.filter((el) =>
    el.matches('input, textarea, [role="combobox"], [role="textbox"]'),
  );
  expect(controls, `one control labelled ${label}`).toHaveLength(1);
  return controls[0] as HTMLInputElement;
}

/** What a field holds: an input's value, or a binding editor's text. */
export function valueOf(label: string): string {
  const el = field(label);
  return isEditor(el) ? editorText(el) : el.value;
}

export const runButton = () => screen.getByRole('button', { name: 'Run' });
export const responseRegion = () => screen.getByRole('region', { name: 'Response' });
/** The response's status chip (found by test id: an open dialog hides the region from role queries). */
export const statusChip = () => screen.findByTestId('response-status');

/** The labels of the current command's form, in order, without required asterisks. */
export function formLabels(commandLabel: string): string[] {
  const group = screen.getByRole('group', { name: `${commandLabel} parameters` });
  // A select's label is not a <label> (nothing to point it at); MUI marks it as an InputLabel.
  return Array.from(group.querySelectorAll('label, .MuiInputLabel-root')).map((l) =>
    (l.textContent ?? '').replace(/\s*\*$/, '').trim(),
  );
}

export async function chooseCommand(user: ReturnType<typeof userEvent.setup>, label: string) {
  await user.click(screen.getByRole('combobox', { name: 'Commands' }));
  await user.click(await screen.findByRole('option', { name: label }));
  await waitFor(() =>
    expect(screen.getByRole('group', { name: `${label} parameters` })).toBeInTheDocument(),
  );
}

/** Puts `value` into a field in place of what it held, as a paste (one input event: fast under jsdom). */
export async function fill(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  const input = field(label);
  if (isEditor(input)) {
    await clearEditor(input);
    if (value) await pasteInEditor(input, value);
    return;
  }
  await user.clear(input);
  if (value) await user.paste(value);
}

/** Types into a field one key at a time: keystrokes for an input, typing transactions for an editor. */
export async function typeInto(
  user: ReturnType<typeof userEvent.setup>,
  label: string,
  text: string,
) {
  const input = field(label);
  if (isEditor(input)) await typeInEditor(input, text);
  else await user.type(input, text);
}
