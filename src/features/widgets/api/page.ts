import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageDoc, SavedPage } from '../../../contract/page';
import { apiFetch, ifMatch } from '../../../lib/api-client';
import type { EditConflictFlow } from '../../../lib/edit-conflict';

export const pageKeys = { main: ['page', 'main'] as const };

export const getPage = () => apiFetch<SavedPage>('/api/page');
export const pageQueryOptions = () => queryOptions({ queryKey: pageKeys.main, queryFn: getPage });
export const usePage = () => useQuery(pageQueryOptions());

/** Saves the page, only if it still is at `version` (412 otherwise). */
export const putPage = (doc: PageDoc, version: number | undefined) =>
  apiFetch<SavedPage>('/api/page', {
    method: 'PUT',
    headers: ifMatch(version),
    body: JSON.stringify(doc),
  });

/** The editor's saves: one at a time, each on the version the previous one answered. */
export function useSavePage(edits: Pick<EditConflictFlow, 'write'>) {
  const client = useQueryClient();
  return useMutation({
    scope: { id: 'page:main' },
    mutationFn: (doc: PageDoc) => edits.write((version) => putPage(doc, version)),
    onSuccess: (page) => client.setQueryData(pageKeys.main, page),
  });
}
