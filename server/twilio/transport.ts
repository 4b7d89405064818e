import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';

// One HTTP exchange for the twilio library, on node:http. The library's own RequestClient sends
// through axios, whose per-request work (merging configs, header objects, interceptors, and two
// setsockopt calls that flip a reused socket's keep-alive delay between 60 s and 1 s) took about
// 0.25 ms of CPU per call, more than half of what a call through the library cost. This puts
// the same request on the wire that axios did: the same headers in the same order, the body and
// query encoded by the same qs the library uses, over the same agents; and reads the answer as
// axios did: decompressed, BOM stripped, parsed as JSON when it is JSON and left a string when it
// is not. Redirects are never followed.

type QsStringify = (value: unknown, options: { arrayFormat: 'repeat' }) => string;
// The library's RequestClient encodes with its own qs dependency; resolving it from the library
// keeps the encoding byte for byte (RFC 3986, repeated keys for arrays) without a second copy.
const fromTwilio = createRequire(createRequire(import.meta.url).resolve('twilio'));
const qsStringify = (fromTwilio('qs') as { stringify: QsStringify }).stringify;

const FORM = 'application/x-www-form-urlencoded';
// What axios asks for and decodes (Brotli is always there on the Node versions this runs on).
const ACCEPT_ENCODING = 'gzip, compress, deflate, br';
const ACCEPT_DEFAULT = 'application/json, text/plain, */*';
// Tolerates a body cut short after its last full block, as axios's unzip streams do.
const ZLIB_OPTIONS = {
  flush: zlib.constants.Z_SYNC_FLUSH,
  finishFlush: zlib.constants.Z_SYNC_FLUSH,
};

export interface TransportRequest {
  method: string;
  uri: string;
  headers: Record<string, string | undefined>;
  params?: object | undefined;
  data?: object | undefined;
  signal: AbortSignal;
  httpsAgent: http.Agent;
  /** The most bytes of the answer, once decoded, that are read before the exchange is abandoned. */
  maxBytes: number;
}

export interface TransportResponse {
  statusCode: number;
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

/**
 * The transport failed (refused, reset, malformed, cut short): the counterpart of an AxiosError.
 * `code` is the underlying one (ECONNREFUSED, ECONNRESET, HPE_...), the original error is `cause`.
 */
export class UpstreamTransportError extends Error {
  override name = 'UpstreamTransportError';
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }
}

/**
 * The answer, decoded, ran past the limit: the exchange was abandoned there, so a body (or a
 * compressed one that inflates without end) never sits in memory whole.
 */
export class UpstreamTooLarge extends Error {
  override name = 'UpstreamTooLarge';
  constructor(readonly limit: number) {
    super(`Twilio's answer was larger than the limit of ${limit} bytes (TQB_MAX_UPSTREAM_BYTES)`);
  }
}

const asTransportError = (err: unknown) => {
  if (err instanceof UpstreamTransportError || err instanceof UpstreamTooLarge) return err;
  const e = err as { message?: unknown; code?: unknown };
  return new UpstreamTransportError(
    String(e?.message ?? err),
    typeof e?.code === 'string' ? e.code : undefined,
    err,
  );
};

/** The body the library's RequestClient sends: form-encoded or JSON per its Content-Type; none when empty. */
function encodeBody(data: object | undefined, contentType: string | undefined): Buffer | undefined {
  if (data === undefined) return undefined;
  const text =
    contentType === FORM
      ? qsStringify(data, { arrayFormat: 'repeat' })
      : contentType === 'application/json'
        ? JSON.stringify(data)
        : '';
  return text === '' ? undefined : Buffer.from(text, 'utf8');
}

/** The request URL with the library's query parameters appended, as axios's buildURL does. */
function withQuery(url: URL, params: object | undefined): string {
  let path = url.pathname + url.search;
  const query = params ? qsStringify(params, { arrayFormat: 'repeat' }) : '';
  if (query) path += (path.includes('?') ? '&' : '?') + query;
  return path;
}

/** A decoder for the answer's Content-Encoding, or null when it is sent as is. */
function decoderFor(encoding: string | undefined, first: Buffer): Transform | null {
  switch ((encoding ?? '').toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
    case 'compress':
    case 'x-compress':
      return zlib.createUnzip(ZLIB_OPTIONS);
    case 'deflate':
      // Some servers send raw deflate without the zlib header; axios adds one (0x78 0x9c) then.
      return first.length > 0 && first[0] !== 0x78
        ? zlib.createInflateRaw(ZLIB_OPTIONS)
        : zlib.createUnzip(ZLIB_OPTIONS);
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** The body as axios hands it over: parsed when it is JSON, else the text ('' when empty). */
function readBody(raw: Buffer): unknown {
  let text = raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function send(req: TransportRequest): Promise<TransportResponse> {
  const url = new URL(req.uri);
  const secure = url.protocol === 'https:';
  const method = req.method.toUpperCase();
  const given = req.headers;
  // Header names and order as axios sent them: the slots of its defaults first (Accept, and for
  // a POST the library's default form Content-Type), filled with the library's values, then the rest.
  const headers: Record<string, string> = { Accept: given.Accept ?? ACCEPT_DEFAULT };
  if (method === 'POST') headers['Content-Type'] = given['Content-Type'] ?? FORM;
  for (const [name, value] of Object.entries(given)) if (value !== undefined) headers[name] = value;
  const body = encodeBody(req.data, given['Content-Type']);
  if (body) headers['Content-Length'] = String(body.length);
  headers['Accept-Encoding'] = ACCEPT_ENCODING;

  return new Promise<TransportResponse>((resolve, reject) => {
    const { signal } = req;
    if (signal.aborted) return reject(new UpstreamTransportError('canceled', 'ERR_CANCELED'));
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      reject(asTransportError(err));
    };
    const succeed = (response: TransportResponse) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(response);
    };
    const request = (secure ? https : http).request(
      {
        protocol: url.protocol,
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: withQuery(url, req.params),
        method,
        headers,
        // Plain HTTP (the built-in emulator, a local mock) goes through Node's keep-alive global
        // agent, as it did under axios; HTTPS through the library's agent (its CA bundle, its proxy).
        agent: secure ? req.httpsAgent : http.globalAgent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let wire = 0;
        let decoder: Transform | null | undefined;
        const tooLarge = () => {
          request.destroy();
          decoder?.destroy();
          fail(new UpstreamTooLarge(req.maxBytes));
        };
        // Counted as it is decoded, so the limit holds however well the answer compresses.
        const take = (chunk: Buffer) => {
          if (settled) return;
          size += chunk.length;
          if (size > req.maxBytes) return tooLarge();
          chunks.push(chunk);
        };
        const finish = () => {
          if (settled) return;
          const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          succeed({ statusCode: res.statusCode ?? 0, body: readBody(raw), headers: res.headers });
        };
        const encoding =
          method === 'HEAD' || res.statusCode === 204 ? undefined : res.headers['content-encoding'];
        res.on('aborted', () =>
          fail(new UpstreamTransportError('stream has been aborted', 'ERR_BAD_RESPONSE')),
        );
        res.on('error', fail);
        res.on('data', (chunk: Buffer) => {
          if (decoder === undefined) {
            decoder = decoderFor(encoding, chunk);
            decoder?.on('data', take).on('error', fail).on('end', finish);
          }
          if (!decoder) return take(chunk);
          // The wire bytes count too: Brotli's metadata blocks, for one, decode to nothing.
          wire += chunk.length;
          if (wire > req.maxBytes) return tooLarge();
          decoder.write(chunk);
        });
        res.on('end', () => {
          if (decoder) decoder.end();
          else finish();
        });
      },
    );
    const onAbort = () => {
      request.destroy();
      fail(new UpstreamTransportError('canceled', 'ERR_CANCELED'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('error', fail);
    request.end(body);
  });
}
