import { queryOptions, useQuery } from '@tanstack/react-query';
import type { EmulatorInfo } from '../../../contract/lookups';
import { apiFetch } from '../../../lib/api-client';

export type { EmulatorInfo };

export const emulatorKeys = { info: ['emulator', 'info'] as const };

export const getEmulatorInfo = () => apiFetch<EmulatorInfo>('/api/emulator');

export const emulatorInfoQueryOptions = () =>
  queryOptions({ queryKey: emulatorKeys.info, queryFn: getEmulatorInfo });

export const useEmulatorInfo = () => useQuery(emulatorInfoQueryOptions());
