import { mutationOptions, useMutation } from '@tanstack/react-query';
import type { ExecuteResult } from '../../../contract/queries';
import { apiFetch } from '../../../lib/api-client';

// A saved query run as saved: the server takes its datasource, command and timeout, and only the
// fields bound to widgets ({{ }}) may differ from their saved text (403 field_not_bound). This is
// how the page runs queries, for every role; executeCommand stays for the query editor's Run of
// what is being edited and for the message log (admins and builders).

export interface RunQueryInput {
  queryId: string;
  /** The resolved values of the query's fields, by the contract's field names. */
  params: Record<string, unknown>;
}

export const runQueryKeys = { all: ['run-query'] as const };

export const runSavedQuery = ({ queryId, params }: RunQueryInput) =>
  apiFetch<ExecuteResult>(`/api/queries/${encodeURIComponent(queryId)}/run`, {
    method: 'POST',
    body: JSON.stringify({ params }),
  });

export const runQueryMutationOptions = () =>
  // Never retried: it may send an SMS.
  mutationOptions({ mutationKey: runQueryKeys.all, mutationFn: runSavedQuery, retry: false });

export const useRunSavedQuery = () => useMutation(runQueryMutationOptions());
