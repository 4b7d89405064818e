import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

// Errors leave the server as { error: { code, message, field? } }: 4xx for the caller's mistakes,
// 502/504 for an upstream that failed or timed out, 500 only for our own bugs, with no detail.

export class HttpError extends Error {
  /** Extra response headers, such as Retry-After on a 429. */
  readonly headers: Record<string, string> = {};
  /** Extra members of the error object, such as `conflict` on a 412. */
  readonly extra: Record<string, unknown> = {};

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const apiNotFound: RequestHandler = (req) => {
  throw new HttpError(
    404,
    'not_found',
    `No API route ${req.method} ${req.path}. See the README for the API.`,
  );
};

export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof HttpError) {
      res.set(err.headers);
      res.status(err.status).json({
        error: {
          code: err.code,
          message: err.message,
          ...(err.field ? { field: err.field } : {}),
          ...err.extra,
        },
      });
      return;
    }
    // body-parser's errors carry a 4xx status and a type such as entity.too.large.
    const status =
      typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) {
      logger.error({ err, method: req.method, path: req.path }, 'request failed');
      res.status(500).json({
        error: {
          code: 'internal',
          message: 'The server failed to handle this request; see its log.',
        },
      });
      return;
    }
    const message =
      err.type === 'entity.too.large'
        ? `The request body is too large: the limit is ${typeof err.limit === 'number' ? `${Math.round(err.limit / 1024)} KB` : 'exceeded'}.`
        : err.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : String(err.message ?? 'Bad request');
    res
      .status(status)
      .json({ error: { code: String(err.type ?? 'bad_request').replace(/\./g, '_'), message } });
  };
}
