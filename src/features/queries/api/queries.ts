import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryInput, QueryPatch, SavedQuery } from '../../../contract/queries';
import { apiFetch } from '../../../lib/api-client';

export const queryKeys = {
  all: ['queries'] as const,
  one: (id: string) => ['queries', id] as const,
};

export const getQueries = () => apiFetch<SavedQuery[]>('/api/queries');
export const getQuery = (id: string) =>
  apiFetch<SavedQuery>(`/api/queries/${encodeURIComponent(id)}`);

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

export function useUpdateQuery(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: QueryPatch) =>
      apiFetch<SavedQuery>(`/api/queries/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: JSON.stringify(patch),
      }),
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
