import { mutationOptions, useMutation } from '@tanstack/react-query';
import type { CommandId } from '../../../contract/commands/types';
import type { ExecuteResult } from '../../../contract/queries';
import { apiFetch } from '../../../lib/api-client';

// The one way to run a command through the relay. The query editor and the page runtime run it as
// a mutation (a user action, never retried: it may send an SMS); the message log's source, which
// the app builds, calls the fetcher itself, since the log pages and refreshes it as queries.

export interface ExecuteInput {
  datasourceId: string;
  command: CommandId;
  params: Record<string, unknown>;
  /** The relay's own default when left out. */
  timeoutMs?: number;
}

export const executeKeys = {
  all: ['execute'] as const,
};

export const executeCommand = ({ datasourceId, command, params, timeoutMs }: ExecuteInput) =>
  apiFetch<ExecuteResult>(`/api/datasources/${encodeURIComponent(datasourceId)}/execute`, {
    method: 'POST',
    body: JSON.stringify({ command, params, timeoutMs }),
  });

export const executeMutationOptions = () =>
  mutationOptions({ mutationKey: executeKeys.all, mutationFn: executeCommand, retry: false });

export const useExecuteCommand = () => useMutation(executeMutationOptions());
