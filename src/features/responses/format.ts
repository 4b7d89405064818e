// Small formatting helpers for the response preview: status reason phrases, durations, sizes.

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** "201 Created", or the bare number for a status without a well-known phrase. */
export function statusText(status: number): string {
  const reason = REASONS[status];
  return reason ? `${status} ${reason}` : String(status);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Size on the wire, approximately: the UTF-8 bytes of the body as JSON; nothing for no body. */
export function jsonSize(body: unknown): number {
  if (body === undefined || body === null) return 0;
  return new TextEncoder().encode(JSON.stringify(body)).length;
}

export function prettyJson(body: unknown): string {
  return JSON.stringify(body, null, 2) ?? '';
}

export function twilioDocsUrl(code: number): string {
  return `https://www.twilio.com/docs/errors/${code}`;
}
