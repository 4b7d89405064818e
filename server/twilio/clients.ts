import twilio from 'twilio';
import type { DatasourceRecord } from '../store/datasources';
import { RecordingRequestClient } from './http-client';

// One twilio client per datasource, built on first use and rebuilt when the datasource changes.

export interface Credentials {
  /** Basic auth user: the Account SID or the API Key SID. */
  username: string;
  password: string;
  accountSid: string;
  baseUrl: string;
  /** TQB_MAX_UPSTREAM_BYTES: the most of an answer, decoded, that is read. */
  maxResponseBytes: number;
}

export function buildClient(credentials: Credentials): twilio.Twilio {
  const client = twilio(credentials.username, credentials.password, {
    accountSid: credentials.accountSid,
    httpClient: new RecordingRequestClient(
      { keepAlive: true, timeout: 60_000 },
      credentials.maxResponseBytes,
    ),
  });
  client.api.baseUrl = credentials.baseUrl;
  return client;
}

export function createClientCache(resolve: (ds: DatasourceRecord) => Credentials) {
  const cache = new Map<string, { version: string; client: twilio.Twilio; baseUrl: string }>();
  return {
    get(ds: DatasourceRecord): { client: twilio.Twilio; baseUrl: string } {
      const version = `${ds.updatedAt}|${ds.target}`;
      const hit = cache.get(ds.id);
      if (hit && hit.version === version) return hit;
      const credentials = resolve(ds);
      const entry = { version, client: buildClient(credentials), baseUrl: credentials.baseUrl };
      cache.set(ds.id, entry);
      return entry;
    },
    forget(id: string) {
      cache.delete(id);
    },
  };
}

export type ClientCache = ReturnType<typeof createClientCache>;
