import { AsyncLocalStorage } from 'node:async_hooks';
import twilio from 'twilio';
import type TwilioResponse from 'twilio/lib/http/response';
import type BaseRequestClient from 'twilio/lib/base/RequestClient';

type RequestOptions<T> = BaseRequestClient.RequestOptions<T>;

// The official library does the HTTP; this client underneath it records, per relayed call, the
// request as sent (method, URL, wire parameters) and Twilio's raw JSON answer, and applies the
// call's own timeout. AsyncLocalStorage keeps concurrent calls on one cached client apart.

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
  override async request<TData>(opts: RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    const call = scope.getStore();
    const exchange: Exchange = {
      method: String(opts.method).toUpperCase(),
      uri: opts.uri,
      params: { ...((opts.params as Record<string, unknown> | undefined) ?? {}), ...((opts.data as Record<string, unknown> | undefined) ?? {}) },
    };
    call?.exchanges.push(exchange);
    // Redirects are never followed: the relay talks only to its configured base URL.
    const response = await super.request<TData>({ ...opts, allowRedirects: false, timeout: call?.timeoutMs ?? opts.timeout });
    exchange.statusCode = response.statusCode;
    exchange.body = parseBody(response.body);
    return response;
  }
}
