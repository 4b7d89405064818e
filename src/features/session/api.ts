import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-client';

// The access password's session (only when the server has TQB_ACCESS_PASSWORD).

export interface SessionState {
  passwordRequired: boolean;
  authenticated: boolean;
}

export const sessionKeys = { current: ['session'] as const };

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.current,
    queryFn: () => apiFetch<SessionState>('/api/session'),
    staleTime: Infinity,
    retry: 1,
  });

export const useSession = () => useQuery(sessionQueryOptions());

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      apiFetch<SessionState>('/api/session', {
        method: 'POST',
        body: JSON.stringify({ password }),
      }),
    onSuccess: (state) => {
      client.setQueryData(sessionKeys.current, state);
      // Everything fetched before logging in was refused; fetch it again.
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    },
  });
}
