import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Datasource,
  DatasourceInput,
  DatasourcePatch,
  TestResult,
} from '../../../contract/datasources';
import type { Lookups } from '../../../contract/lookups';
import { apiFetch, ifMatch } from '../../../lib/api-client';
import type { EditConflictFlow } from '../../../lib/edit-conflict';

export type { Lookups };

// The datasource endpoints: fetchers, query option factories and hooks, one place for each.

export const datasourceKeys = {
  all: ['datasources'] as const,
  one: (id: string) => ['datasources', id] as const,
  lookups: (id: string) => ['datasources', id, 'lookups'] as const,
};

export const getDatasources = () => apiFetch<Datasource[]>('/api/datasources');
export const getDatasource = (id: string) =>
  apiFetch<Datasource>(`/api/datasources/${encodeURIComponent(id)}`);

export const datasourcesQueryOptions = () =>
  queryOptions({ queryKey: datasourceKeys.all, queryFn: getDatasources });
export const datasourceQueryOptions = (id: string) =>
  queryOptions({ queryKey: datasourceKeys.one(id), queryFn: () => getDatasource(id) });

export const useDatasources = () => useQuery(datasourcesQueryOptions());
export const useDatasource = (id: string) => useQuery(datasourceQueryOptions(id));

/** What the account offers the forms: its numbers, verified caller IDs and scheduling window. */
export const getLookups = (id: string) =>
  apiFetch<Lookups>(`/api/datasources/${encodeURIComponent(id)}/lookups`);
export const lookupsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: datasourceKeys.lookups(id),
    queryFn: () => getLookups(id),
    staleTime: 60_000,
  });
export const useLookups = (id: string | undefined) =>
  useQuery({ ...lookupsQueryOptions(id ?? ''), enabled: Boolean(id) });

export function useCreateDatasource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DatasourceInput) =>
      apiFetch<Datasource>('/api/datasources', { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: (ds) => {
      client.setQueryData(datasourceKeys.one(ds.id), ds);
      void client.invalidateQueries({ queryKey: datasourceKeys.all, exact: true });
    },
  });
}

/** A change to a datasource, applied only if it still is at `version` (412 otherwise). */
export const patchDatasource = (id: string, patch: DatasourcePatch, version: number | undefined) =>
  apiFetch<Datasource>(`/api/datasources/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    headers: ifMatch(version),
    body: JSON.stringify(patch),
  });

export function useUpdateDatasource(id: string, edits: Pick<EditConflictFlow, 'write'>) {
  const client = useQueryClient();
  return useMutation({
    scope: { id: `datasource:${id}` },
    mutationFn: (patch: DatasourcePatch) =>
      edits.write((version) => patchDatasource(id, patch, version)),
    onSuccess: (ds) => {
      client.setQueryData(datasourceKeys.one(ds.id), ds);
      void client.invalidateQueries({ queryKey: datasourceKeys.all });
    },
  });
}

export function useDeleteDatasource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; cascade: boolean }) =>
      apiFetch<null>(
        `/api/datasources/${encodeURIComponent(input.id)}${input.cascade ? '?cascade=true' : ''}`,
        { method: 'DELETE' },
      ),
    onSuccess: (_data, input) => {
      client.removeQueries({ queryKey: datasourceKeys.one(input.id) });
      void client.invalidateQueries({ queryKey: datasourceKeys.all });
      // Cascading deletes remove queries too.
      void client.invalidateQueries({ queryKey: ['queries'] });
    },
  });
}

/** Tests a saved datasource (id) or an unsaved form (input). */
export function useTestDatasource() {
  return useMutation({
    mutationFn: (target: { id: string } | { input: DatasourceInput }) =>
      'id' in target
        ? apiFetch<TestResult>(`/api/datasources/${encodeURIComponent(target.id)}/test`, {
            method: 'POST',
            body: '{}',
          })
        : apiFetch<TestResult>('/api/datasources/test', {
            method: 'POST',
            body: JSON.stringify(target.input),
          }),
  });
}
