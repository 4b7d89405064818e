import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageDoc, SavedPage } from '../../../contract/page';
import { apiFetch } from '../../../lib/api-client';

export const pageKeys = { main: ['page', 'main'] as const };

export const getPage = () => apiFetch<SavedPage>('/api/page');
export const pageQueryOptions = () => queryOptions({ queryKey: pageKeys.main, queryFn: getPage });
export const usePage = () => useQuery(pageQueryOptions());

export function useSavePage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (doc: PageDoc) =>
      apiFetch<SavedPage>('/api/page', { method: 'PUT', body: JSON.stringify(doc) }),
    onSuccess: (page) => client.setQueryData(pageKeys.main, page),
  });
}
