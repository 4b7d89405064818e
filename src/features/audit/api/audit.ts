import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditPage } from '../../../contract/accounts';
import { apiFetch } from '../../../lib/api-client';
import { auditSearch, type AuditFilters } from '../model';

// GET /api/audit: newest first, a page at a time, each page naming the cursor of the next.

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => ['audit', filters] as const,
};

export const getAuditPage = (filters: AuditFilters, cursor: string | null) =>
  apiFetch<AuditPage>(`/api/audit?${auditSearch(filters, cursor)}`);

export const auditLogQueryOptions = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) => getAuditPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useAuditLog = (filters: AuditFilters) =>
  useInfiniteQuery(auditLogQueryOptions(filters));
