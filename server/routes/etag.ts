import type { Request, Response } from 'express';
import { etagOf, type Versioned } from '../../src/contract/versions';

// ETag and If-Match for the resources two people can edit at once. The ETag is the version in
// quotes; If-Match may carry several, weak or strong, or `*` (any version: no check).

/** The versions an If-Match header accepts; undefined when there is none (or `*`). */
export function readIfMatch(req: Request): readonly number[] | undefined {
  return parseIfMatch(req.headers['if-match']);
}

/** The versions an If-Match header's value accepts (for callers without an Express request). */
export function parseIfMatch(header: string | undefined): readonly number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  // A tag that is not one of ours names no version, so it matches none: the write is refused.
  return header
    .split(',')
    .map((tag) => /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(tag)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

export { etagOf };

/** Answers a versioned resource with its ETag. */
export function sendVersioned(res: Response, body: Versioned, status = 200): void {
  res.status(status).setHeader('ETag', etagOf(body.version)).json(body);
}
