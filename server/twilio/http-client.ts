import { AsyncLocalStorage } from 'node:async_hooks';
import type { Agent } from 'node:http';
import twilio from 'twilio';
import type TwilioResponse from 'twilio/lib/http/response';
import type BaseRequestClient from 'twilio/lib/base/RequestClient';
import { send } from './transport';

type RequestOptions<T> = BaseRequestClient.RequestOptions<T>;

// The official library builds every request; this client underneath it sends it (over node:http,
// see transport.ts), records, per relayed call, the request as sent (method, URL, wire parameters)
// and Twilio's raw JSON answer, and applies the call's own timeout. AsyncLocalStorage keeps
// concurrent calls on one cached client apart.
//
// The timeout is a deadline for the whole exchange: a socket timeout only notices a socket that
// goes quiet, so an upstream that sends its body a byte at a time would otherwise hold a call far
// beyond it. Redirects are refused, not followed: the relay talks only to its configured base URL.

export interface Exchange {
  method: string;
  uri: string;
  params: Record<string, unknown>;
  statusCode?: number;
  body?: unknown;
}

export interface CallScope {
  timeoutMs: number;
  exchanges: Exchange[];
}

const scope = new AsyncLocalStorage<CallScope>();

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Upstream answered with a redirect, which the relay never follows. */
export class UpstreamRedirect extends Error {
  override name = 'UpstreamRedirect';
  constructor(
    readonly status: number,
    readonly location: string | undefined,
  ) {
    super(
      `Twilio answered HTTP ${status}, a redirect${location ? ` to ${location}` : ''}. The relay follows no redirects: ` +
        "it talks only to its configured base URL (TWILIO_API_BASE_URL); check that it is Twilio's API.",
    );
  }
}

/** The call's deadline passed before the whole answer arrived. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
  constructor(readonly timeoutMs: number) {
    super(`Twilio did not answer within ${timeoutMs} ms`);
  }
}

export function withCallScope<T>(call: CallScope, fn: () => Promise<T>): Promise<T> {
  return scope.run(call, fn);
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body ?? null;
  if (body === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

export class RecordingRequestClient extends twilio.RequestClient {
  /** The HTTPS agent the library's constructor built (keep-alive, TWILIO_CA_BUNDLE, HTTP_PROXY). */
  private readonly httpsAgent: Agent;

  constructor(
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
    /** TQB_MAX_UPSTREAM_BYTES: the most of an answer, decoded, that is read. */
    private readonly maxResponseBytes: number,
  ) {
    super(options);
    this.httpsAgent = this.axios.defaults.httpsAgent as Agent;
  }

  override async request<TData>(opts: RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    const call = scope.getStore();
    const exchange: Exchange = {
      method: String(opts.method).toUpperCase(),
      uri: opts.uri,
      params: {
        ...((opts.params as Record<string, unknown> | undefined) ?? {}),
        ...((opts.data as Record<string, unknown> | undefined) ?? {}),
      },
    };
    call?.exchanges.push(exchange);
    const timeoutMs = call?.timeoutMs ?? opts.timeout ?? 30_000;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    let response: TwilioResponse<TData>;
    try {
      response = (await send({
        method: exchange.method,
        uri: opts.uri,
        headers: await this.headersOf(opts),
        params: opts.params,
        data: opts.data as object | undefined,
        signal: deadline.signal,
        httpsAgent: this.httpsAgent,
        maxBytes: this.maxResponseBytes,
      })) as TwilioResponse<TData>;
    } catch (err) {
      throw deadline.signal.aborted ? new DeadlineExceeded(timeoutMs) : err;
    } finally {
      clearTimeout(timer);
    }
    exchange.statusCode = response.statusCode;
    exchange.body = parseBody(response.body);
    if (REDIRECTS.has(response.statusCode)) {
      const location = (response.headers as Record<string, unknown> | undefined)?.location;
      throw new UpstreamRedirect(
        response.statusCode,
        typeof location === 'string' ? location : undefined,
      );
    }
    return response;
  }

  /** The headers the library's RequestClient adds to the library's own: Connection and Basic auth. */
  private async headersOf<TData>(
    opts: RequestOptions<TData>,
  ): Promise<Record<string, string | undefined>> {
    const headers: Record<string, string | undefined> = {
      ...(opts.headers as Record<string, string | undefined> | undefined),
    };
    if (!headers.Connection && !headers.connection)
      headers.Connection = this.keepAlive ? 'keep-alive' : 'close';
    if (opts.username && opts.password)
      headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    else if (opts.authStrategy) headers.Authorization = await opts.authStrategy.getAuthString();
    return headers;
  }
}
