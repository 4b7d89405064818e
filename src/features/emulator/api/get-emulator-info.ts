import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

export interface EmulatorInfo {
  accountSid: string;
  apiKeySid: string;
  trial: boolean;
  phoneNumbers: string[];
  messagingServiceSids: string[];
  verifiedCallerIds: string[];
}

export const emulatorKeys = { info: ['emulator', 'info'] as const };

export const getEmulatorInfo = () => apiFetch<EmulatorInfo>('/api/emulator');

export const emulatorInfoQueryOptions = () => queryOptions({ queryKey: emulatorKeys.info, queryFn: getEmulatorInfo });

export const useEmulatorInfo = () => useQuery(emulatorInfoQueryOptions());
