import type { z } from 'zod';
import { HttpError } from '../http-errors';

/** Parses a request body with a contract schema; the first problem becomes a 400 naming its field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, code = 'invalid_request'): z.infer<T> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, code, 'The request body must be a JSON object (send Content-Type: application/json)');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message =
    issue.code === 'unrecognized_keys'
      ? `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
      : field && !issue.message.toLowerCase().includes(String(issue.path[issue.path.length - 1]).toLowerCase())
        ? `${field}: ${issue.message}`
        : issue.message;
  throw new HttpError(400, code, message, field);
}
