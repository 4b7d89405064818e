import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  formToObject,
  matchPath,
  operation,
  parametersSchema,
  requestSchema,
  undeclaredProperties,
  validationErrors,
  validatorFor,
  type HttpMethod,
  type JsonSchema,
} from './openapi';

// A small recording proxy to put in front of the emulator, and a check of each captured request
// against Twilio's spec: the operation exists, path parameters match their patterns, and form
// bodies and query strings validate against the declared schemas, with nothing undeclared.

export interface Captured {
  method: string;
  path: string;
  query: string;
  contentType: string | undefined;
  body: string;
}

export async function startRecorder(target: string) {
  const captured: Captured[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    captured.push({
      method: req.method ?? 'GET',
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? '' : url.slice(q + 1),
      contentType: req.headers['content-type'],
      body,
    });
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const upstream = await fetch(`${target}${url}`, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'DELETE' ? undefined : body,
    });
    const out = Buffer.from(await upstream.arrayBuffer());
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'text/plain',
    });
    res.end(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    captured,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Checks one captured request against the spec; returns the problems found. */
export function specProblems(
  req: Captured,
  adjustQuery: (schema: JsonSchema) => JsonSchema = (x) => x,
): string[] {
  const match = matchPath(req.path);
  if (!match) return [`no spec path matches ${req.path}`];
  const method = req.method.toLowerCase() as HttpMethod;
  operation(match.path, method); // throws when the spec does not declare this method for the path
  const problems: string[] = [];
  const pathSchema = parametersSchema(match.path, method, 'path');
  problems.push(
    ...validationErrors(validatorFor(pathSchema), match.params).map((e) => `path ${e}`),
  );

  const querySchema = adjustQuery(parametersSchema(match.path, method, 'query'));
  const query = formToObject(req.query, querySchema);
  problems.push(...validationErrors(validatorFor(querySchema), query).map((e) => `query ${e}`));
  problems.push(
    ...undeclaredProperties(querySchema, query).map((k) => `undeclared query parameter ${k}`),
  );

  if (req.method === 'POST') {
    if (req.contentType !== 'application/x-www-form-urlencoded')
      problems.push(`content type ${req.contentType}`);
    const schema = requestSchema(match.path, method);
    const form = formToObject(req.body, schema);
    problems.push(...validationErrors(validatorFor(schema), form).map((e) => `body ${e}`));
    problems.push(
      ...undeclaredProperties(schema, form).map((k) => `undeclared body parameter ${k}`),
    );
  } else if (req.body !== '') {
    problems.push(`unexpected ${req.method} body ${req.body}`);
  }
  return problems;
}
