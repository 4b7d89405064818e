import type { z } from 'zod';
import { HttpError } from '../http-errors';

/** Parses a request body with a contract schema; the first problem becomes a 400 naming its field. */
export function parseBody<T extends z.ZodType>(
  schema: T,
  body: unknown,
  code = 'invalid_request',
): z.infer<T> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(
      400,
      code,
      'The request body must be a JSON object (send Content-Type: application/json)',
    );
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    // The path is the object's; the field is the (first) key it does not know.
    const prefix = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
    const keys = issue.keys.map((k) => `"${prefix}${k}"`).join(', ');
    const accepted = acceptedKeys(schema, issue.path);
    const message =
      `Unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}: remove ${issue.keys.length > 1 ? 'them' : 'it'}` +
      (accepted
        ? `; accepted fields ${prefix ? `of ${issue.path.join('.')} ` : ''}are ${accepted.join(', ')}`
        : '');
    throw new HttpError(400, code, message, `${prefix}${issue.keys[0]}`);
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message =
    field &&
    !issue.message.toLowerCase().includes(String(issue.path[issue.path.length - 1]).toLowerCase())
      ? `${field}: ${issue.message}`
      : issue.message;
  throw new HttpError(400, code, message, field);
}

interface Def {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  in?: unknown;
  out?: unknown;
  valueType?: unknown;
}
const defOf = (s: unknown): Def | undefined =>
  (s as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/** The keys of the object schema at `path`, looking through wrappers (optional, default, preprocess), arrays and records. */
function acceptedKeys(schema: unknown, path: readonly PropertyKey[]): string[] | undefined {
  const def = defOf(schema);
  if (!def) return undefined;
  if (def.innerType) return acceptedKeys(def.innerType, path);
  // z.preprocess is a pipe from a transform into the schema that validates; other pipes validate with `in`.
  if (def.type === 'pipe')
    return acceptedKeys(defOf(def.in)?.type === 'transform' ? def.out : def.in, path);
  if (path.length === 0)
    return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
  const [head, ...rest] = path;
  if (def.type === 'object') return acceptedKeys(def.shape?.[String(head)], rest);
  if (def.type === 'array') return acceptedKeys(def.element, rest);
  if (def.type === 'record') return acceptedKeys(def.valueType, rest);
  return undefined;
}
