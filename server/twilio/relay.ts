import type { Logger } from 'pino';
import { COMMANDS } from '../../src/contract/commands/definitions';
import { validateCommand } from '../../src/contract/commands/validate';
import type { CommandId } from '../../src/contract/commands/types';
import type { ExecuteResult } from '../../src/contract/queries';
import { HttpError } from '../http-errors';
import type { DatasourceRecord } from '../store/datasources';
import type { ClientCache } from './clients';
import { asTransportFailure, asTwilioRefusal, connectionErrorCode } from './errors';
import { UpstreamRedirect, withCallScope, type Exchange } from './http-client';
import { UpstreamTooLarge } from './transport';
import { COMMAND_HANDLERS, type CommandHandler, type CommandHandlers } from './commands';

// The six commands over the official twilio library. Values are checked against the shared
// contract before anything is sent; sends are never retried except on 429 (which Twilio
// guarantees it did not process); reads retry on 429 and 5xx with jittered backoff, and GETs once
// more on a refused or reset connection. A timeout is never retried: the query's timeout is what
// the person chose to wait.

export interface RelayDeps {
  clients: ClientCache;
  logger: Logger;
  /** The scheduling window's lower bound for a datasource (the emulator's may be configured lower). */
  scheduleMinSeconds(ds: DatasourceRecord): number;
  now(): number;
  /** Waits between retries; tests replace it. */
  sleep?(ms: number): Promise<void>;
  maxRetries?: number;
}

function describeRequest(
  exchange: Exchange | undefined,
  baseUrl: string,
): ExecuteResult['request'] {
  if (!exchange) return { method: 'GET', path: '', params: {} };
  const url = new URL(exchange.uri);
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  const path = url.pathname.startsWith(basePath)
    ? url.pathname.slice(basePath.length)
    : url.pathname;
  const params: Record<string, unknown> = {};
  for (const [k, val] of url.searchParams) params[k] = val;
  for (const [k, val] of Object.entries(exchange.params)) if (val !== undefined) params[k] = val;
  return { method: exchange.method, path, params };
}

// Seen through the mapped type, the registry hands a command generic in C the handler of C.
const handlers: CommandHandlers = COMMAND_HANDLERS;

export function createRelay(deps: RelayDeps) {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxRetries = deps.maxRetries ?? 3;

  async function execute<C extends CommandId>(
    ds: DatasourceRecord,
    command: C,
    params: unknown,
    timeoutMs: number,
  ): Promise<ExecuteResult> {
    const definition = COMMANDS[command];
    const handler: CommandHandler<C> = handlers[command];
    const checked = validateCommand(command, params, {
      now: deps.now(),
      scheduleMinSeconds: deps.scheduleMinSeconds(ds),
    });
    if (!checked.ok) {
      const first = checked.errors[0]!;
      throw new HttpError(
        400,
        'invalid_params',
        checked.errors.map((e) => e.message).join('; '),
        first.field || undefined,
      );
    }
    const accountSid = checked.values.accountSid ?? ds.accountSid;
    const values = handler.prepare ? handler.prepare(checked.values, accountSid) : checked.values;

    const { client, baseUrl } = deps.clients.get(ds);
    const messages = client.api.v2010.accounts(accountSid).messages;
    const started = performance.now();
    let exchanges: Exchange[] = [];
    let attempt = 0;
    let retriedConnection = false;
    let retriedServerError = false;
    for (;;) {
      exchanges = [];
      try {
        await withCallScope({ timeoutMs, exchanges }, () =>
          handler.send(values, messages, baseUrl),
        );
        const last = exchanges[exchanges.length - 1];
        return {
          ok: true,
          status: last?.statusCode ?? 200,
          durationMs: Math.round(performance.now() - started),
          request: describeRequest(last, baseUrl),
          data: last?.body ?? null,
        };
      } catch (err) {
        const last = exchanges[exchanges.length - 1];
        const refusal = asTwilioRefusal(err);
        const retryable =
          refusal && (refusal.status === 429 || (!definition.sends && refusal.status >= 500));
        // A GET changes nothing upstream, so one whose connection was refused or reset (a stale
        // keep-alive socket, a proxy restarting) is tried once more. Never a POST or DELETE: a reset
        // may come after Twilio acted on it, and a message sent twice is the worst outcome.
        const dropped =
          !refusal && last?.method === 'GET' && !retriedConnection
            ? connectionErrorCode(err)
            : null;
        if ((retryable || dropped) && attempt < maxRetries) {
          attempt += 1;
          if (dropped) retriedConnection = true;
          if (refusal && refusal.status >= 500) retriedServerError = true;
          const delay = Math.random() * Math.min(2000, 200 * 2 ** attempt);
          deps.logger.warn(
            {
              command,
              ...(refusal ? { status: refusal.status } : { error: dropped }),
              attempt,
              delay: Math.round(delay),
            },
            'retrying a Twilio call',
          );
          await sleep(delay);
          continue;
        }
        if (refusal) {
          // A DELETE that failed with a 5xx may still have been carried out: a 404 on the retry then
          // most likely means the first attempt deleted the message, not that it never existed.
          const message =
            retriedServerError && refusal.status === 404 && last?.method === 'DELETE'
              ? `${refusal.message}. Twilio failed the first attempt with a server error, and the retry found nothing: the first attempt most likely deleted the message.`
              : refusal.message;
          return {
            ok: false,
            status: refusal.status,
            durationMs: Math.round(performance.now() - started),
            request: describeRequest(last, baseUrl),
            error: { code: refusal.code, message, moreInfo: refusal.moreInfo },
          };
        }
        throw transportError(err, definition.sends, last);
      }
    }
  }

  return { execute };
}

function transportError(err: unknown, sends: boolean, last: Exchange | undefined): HttpError {
  if (err instanceof UpstreamRedirect) return new HttpError(502, 'upstream_redirect', err.message);
  if (err instanceof UpstreamTooLarge) {
    return new HttpError(
      502,
      'upstream_too_large',
      `${err.message}; the relay stopped reading it.` +
        (sends
          ? ' The outcome is unknown: the message may have been sent. Run a List Message query (filter on To) before sending again, so it is not sent twice.'
          : ' Narrow the query (a smaller page size), or raise TQB_MAX_UPSTREAM_BYTES.'),
    );
  }
  const failure = asTransportFailure(err);
  if (failure?.kind === 'timeout') {
    return new HttpError(
      504,
      'upstream_timeout',
      sends
        ? 'Twilio did not answer in time. The outcome is unknown: the message may or may not have been sent. ' +
            'Run a List Message query (filter on To) before sending again, so it is not sent twice.'
        : "Twilio did not answer in time. Try again, or raise the query's timeout in its Settings.",
    );
  }
  if (failure?.kind === 'unreachable') {
    // A reset, unlike a refusal, can come after Twilio read the request.
    if (sends && connectionErrorCode(err) === 'ECONNRESET') {
      return new HttpError(
        502,
        'upstream_unreachable',
        'The connection to Twilio broke before it answered (ECONNRESET). The outcome is unknown: the message may or may not have been sent. ' +
          'Run a List Message query (filter on To) before sending again, so it is not sent twice.',
      );
    }
    return new HttpError(
      502,
      'upstream_unreachable',
      `Twilio could not be reached (${failure.detail}). Check the network and TWILIO_API_BASE_URL.`,
    );
  }
  // Anything else: the library choked on what came back (for example a body that is not JSON).
  const status = last?.statusCode;
  return new HttpError(
    502,
    'upstream_bad_response',
    `Twilio answered${status ? ` HTTP ${status}` : ''} with a response that could not be read${sends ? '; the message may have been sent, check with List Message before sending again' : ''}.`,
  );
}

export type Relay = ReturnType<typeof createRelay>;
