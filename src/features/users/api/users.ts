import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublicUser, Role } from '../../../contract/accounts';
import { apiFetch } from '../../../lib/api-client';

// The accounts (admins only): GET|POST /api/users, PATCH|DELETE /api/users/:id.

export const userKeys = { all: ['users'] as const };

export const getUsers = () => apiFetch<PublicUser[]>('/api/users');
export const usersQueryOptions = () => queryOptions({ queryKey: userKeys.all, queryFn: getUsers });
export const useUsers = () => useQuery(usersQueryOptions());

export interface NewUser {
  username: string;
  role: Role;
  password: string;
}

export interface UserPatch {
  role?: Role;
  password?: string;
  disabled?: boolean;
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewUser) =>
      apiFetch<PublicUser>('/api/users', { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: () => void client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) =>
      apiFetch<PublicUser>(`/api/users/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: JSON.stringify(patch),
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useDeleteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<null>(`/api/users/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => void client.invalidateQueries({ queryKey: userKeys.all }),
  });
}
