import {
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { SessionInfo } from '../../contract/accounts';
import { can, type Permission } from '../../contract/roles';
import { ApiError, apiFetch } from '../../lib/api-client';

// Who is signed in (GET /api/session) and the requests that change it: sign in, sign out, the
// first account (setup) and one's own password.

export const sessionKeys = { current: ['session'] as const };

export const getSession = () => apiFetch<SessionInfo>('/api/session');

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.current,
    queryFn: getSession,
    staleTime: Infinity,
    retry: 1,
  });

export const useSession = () => useQuery(sessionQueryOptions());

/** A 401 that means "sign in" or "create the first account": the session ended or never began. */
export const isSignInNeeded = (error: unknown): boolean =>
  error instanceof ApiError &&
  error.status === 401 &&
  (error.code === 'login_required' || error.code === 'setup_required');

/**
 * Whether the signed-in person's role allows `permission`; false while nobody is. The server
 * checks the same table (src/contract/roles.ts): a button this says no to could only fail.
 */
export function useCan(): (permission: Permission) => boolean {
  const role = useSession().data?.user?.role;
  return (permission) => can(role, permission);
}

/**
 * Someone else is now signed in (or nobody is): what the cache holds was fetched for the previous
 * person, so it goes. The answer of the request that changed the session is not relied on for its
 * shape: GET /api/session is the one source. Both changes reach the screen in one render (TanStack
 * Query batches its notifications), so no page asks for data as the wrong person.
 */
async function sessionChanged(client: QueryClient): Promise<SessionInfo> {
  const session = await getSession();
  client.setQueryData(sessionKeys.current, session);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.current[0] });
  return session;
}

export interface SignInInput {
  username: string;
  password: string;
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: SignInInput) => {
      await apiFetch<unknown>('/api/session', { method: 'POST', body: JSON.stringify(input) });
      return sessionChanged(client);
    },
  });
}

export interface SetupInput extends SignInInput {
  setupToken: string;
}

/** Creates the first admin, who is then signed in. */
export function useSetup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: SetupInput) => {
      await apiFetch<unknown>('/api/setup', { method: 'POST', body: JSON.stringify(input) });
      return sessionChanged(client);
    },
    // Someone created the first account meanwhile: the screen then says so rather than ask again.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        void client.invalidateQueries({ queryKey: sessionKeys.current });
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await apiFetch<null>('/api/session', { method: 'DELETE' });
      return sessionChanged(client);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { current: string; next: string }) =>
      apiFetch<unknown>('/api/session/password', { method: 'POST', body: JSON.stringify(input) }),
  });
}
