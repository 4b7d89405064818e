import type { Request, RequestHandler } from 'express';
import { HttpError } from '../http-errors';

// Cross-site request forgery: a page on another site can make the browser send a request to this
// server, with its cookies, but only a "simple" one (a form or a no-cors fetch: GET, HEAD or POST,
// with no Content-Type or a form/text one) and always with that site's Origin header. So a
// state-changing API request is refused when
//   - it has an Origin header that is not this server's own (403), or
//   - it carries a body, or declares a Content-Type, that is not application/json (415).
// A body-less request without a Content-Type is let through (the Origin rule still applies): the
// app's own DELETE requests have no body (src/lib/api-client.ts only sets the header when there is
// one), and scripts such as `curl -X POST .../test` keep working. This is safe because a cross-site
// browser request always carries an Origin (the Fetch standard adds it to every request that is not
// GET or HEAD), a cross-site form always declares a Content-Type, and a cross-site DELETE needs a
// CORS preflight that this server never grants. Requests with no Origin at all (curl, scripts)
// cannot have been forged by a browser.

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A body is present when the request says so: a non-zero Content-Length or any Transfer-Encoding. */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

function originHost(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : null;
  } catch {
    return null; // "null" (sandboxed frames, file: pages) and anything else unparseable
  }
}

/** The media type express.json() reads: application/json, with or without parameters. */
const isJson = (contentType: string | undefined) =>
  contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';

export function csrfGuard(): RequestHandler {
  return (req, _res, next) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const origin = req.headers.origin;
    if (origin !== undefined) {
      // The scheme is not compared: behind a TLS-terminating proxy this server sees plain HTTP.
      const host = (req.headers.host ?? '').toLowerCase();
      if (originHost(origin) !== host || host === '') {
        throw new HttpError(
          403,
          'cross_origin_request',
          `Requests from ${origin} are refused: only this app's own pages may change data.`,
        );
      }
    }
    const contentType = req.headers['content-type'];
    if ((hasBody(req) || contentType !== undefined) && !isJson(contentType)) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        `Send the request body as JSON with Content-Type: application/json (got ${req.headers['content-type'] ?? 'no Content-Type'}).`,
      );
    }
    next();
  };
}
