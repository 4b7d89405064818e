import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryInput, QueryPatch, SavedQuery } from '../../../contract/queries';
import { apiFetch, ifMatch } from '../../../lib/api-client';
import type { EditConflictFlow } from '../../../lib/edit-conflict';

export const queryKeys = {
  all: ['queries'] as const,
  one: (id: string) => ['queries', id] as const,
};

export const getQueries = () => apiFetch<SavedQuery[]>('/api/queries');
export const getQuery = (id: string) =>
  apiFetch<SavedQuery>(`/api/queries/${encodeURIComponent(id)}`);

/** A change to a saved query, applied only if it still is at `version` (412 otherwise). */
export const patchQuery = (id: string, patch: QueryPatch, version: number | undefined) =>
  apiFetch<SavedQuery>(`/api/queries/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    headers: ifMatch(version),
    body: JSON.stringify(patch),
  });

export const queriesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.all, queryFn: getQueries });
export const savedQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.one(id), queryFn: () => getQuery(id) });

export const useQueries = () => useQuery(queriesQueryOptions());
export const useSavedQuery = (id: string) => useQuery(savedQueryOptions(id));

export function useCreateQuery() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      input: Partial<QueryInput> & Pick<QueryInput, 'name' | 'datasourceId' | 'command'>,
    ) => apiFetch<SavedQuery>('/api/queries', { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: (q) => {
      client.setQueryData(queryKeys.one(q.id), q);
      void client.invalidateQueries({ queryKey: queryKeys.all, exact: true });
    },
  });
}

/** The editor's saves: one at a time, each on the version the previous one answered. */
export function useUpdateQuery(id: string, edits: Pick<EditConflictFlow, 'write'>) {
  const client = useQueryClient();
  return useMutation({
    scope: { id: `query:${id}` },
    mutationFn: (patch: QueryPatch) => edits.write((version) => patchQuery(id, patch, version)),
    onSuccess: (q) => {
      client.setQueryData(queryKeys.one(q.id), q);
      void client.invalidateQueries({ queryKey: queryKeys.all, exact: true });
    },
  });
}

export function useDeleteQuery() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<null>(`/api/queries/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_d, id) => {
      client.removeQueries({ queryKey: queryKeys.one(id) });
      void client.invalidateQueries({ queryKey: queryKeys.all, exact: true });
    },
  });
}
