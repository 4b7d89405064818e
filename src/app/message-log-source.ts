import type { CommandId } from '../contract/commands/types';
import type { Datasource } from '../contract/datasources';
import type { ExecuteResult } from '../contract/queries';
import { DEFAULT_PAGE_SIZE } from '../contract/twilio-limits';
import { ApiError } from '../lib/api-client';
import { executeCommand } from '../features/queries/api/execute-command';
import type { ListPage, LogFilters, Message } from '../features/message-log/model';
import { LogError, type MessageLogSource } from '../features/message-log/use-message-log';

// The message log's data through the relay: every list, page, fetch, cancel, redact and delete is
// an execute of one of the six commands on the datasource. The log is a feature of its own and
// cannot import the queries feature's executeCommand, so the app hands it this source.

const shellQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

export function createLogSource(
  ds: Pick<Datasource, 'id' | 'accountSid' | 'apiKeySid' | 'target' | 'authType'>,
  accountSid = ds.accountSid,
): MessageLogSource {
  async function run<T>(command: CommandId, params: Record<string, unknown>): Promise<T> {
    let result: ExecuteResult;
    try {
      result = await executeCommand({
        datasourceId: ds.id,
        command,
        params: { accountSid, ...params },
      });
    } catch (err) {
      throw new LogError(
        err instanceof ApiError ? err.message : String(err),
        err instanceof ApiError ? err.code : null,
      );
    }
    if (!result.ok)
      throw new LogError(
        result.error?.message ?? `Twilio answered ${result.status}`,
        result.error?.code ?? null,
      );
    return result.data as T;
  }
  const filterParams = (f: LogFilters) => {
    const params: Record<string, unknown> = { pageSize: f.pageSize };
    if (f.to.trim()) params.to = f.to.trim();
    if (f.from.trim()) params.from = f.from.trim();
    if (f.dateSentAfter) params.dateSentAfter = f.dateSentAfter;
    if (f.dateSentBefore) params.dateSentBefore = f.dateSentBefore;
    return params;
  };
  return {
    list: (f) => run<ListPage>('list-messages', filterParams(f)),
    page: (pageUri) => run<ListPage>('list-messages', { pageUri }),
    fetch: (sid) => run<Message>('fetch-message', { messageSid: sid }),
    cancel: (sid) => run<Message>('update-message', { messageSid: sid, status: 'canceled' }),
    redact: (sid) => run<Message>('update-message', { messageSid: sid, body: '' }),
    remove: async (sid) => {
      await run<null>('delete-message', { messageSid: sid });
    },
    curl(f) {
      const base =
        ds.target === 'emulator' ? `${window.location.origin}/emulator` : 'https://api.twilio.com';
      const wire: [string, string][] = [];
      if (f.to.trim()) wire.push(['To', f.to.trim()]);
      if (f.from.trim()) wire.push(['From', f.from.trim()]);
      if (f.dateSentAfter) wire.push(['DateSent>', f.dateSentAfter]);
      if (f.dateSentBefore) wire.push(['DateSent<', f.dateSentBefore]);
      wire.push(['PageSize', String(f.pageSize)]);
      const user =
        ds.authType === 'api-key'
          ? `${ds.apiKeySid}:$TWILIO_API_KEY_SECRET`
          : `${accountSid}:$TWILIO_AUTH_TOKEN`;
      return [
        `curl -G ${shellQuote(`${base}/2010-04-01/Accounts/${accountSid}/Messages.json`)}`,
        ...wire.map(([k, v]) => `  --data-urlencode ${shellQuote(`${k}=${v}`)}`),
        `  -u "${user}"`,
      ].join(' \\\n');
    },
  };
}

/** The log's filters from the params a List Message request was sent with (wire names). */
export function filtersFromRequest(params: Record<string, unknown>): Partial<LogFilters> {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    to: s(params.To),
    from: s(params.From),
    dateSentAfter: s(params['DateSent>']),
    dateSentBefore: s(params['DateSent<']),
    pageSize: Number(params.PageSize) || DEFAULT_PAGE_SIZE,
  };
}
