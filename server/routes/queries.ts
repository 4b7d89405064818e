import { Router } from 'express';
import {
  queryInputSchema,
  queryPatchSchema,
  queryRunRequestSchema,
} from '../../src/contract/queries';
import { requirePermission } from '../accounts/permissions';
import { contextOf } from '../accounts/request-auth';
import { toPublic, type QueryService } from '../queries/service';
import type { RunService } from '../runs/service';
import { readIfMatch, sendVersioned } from './etag';
import { parseBody } from './validate';

export function queriesRouter(deps: { queries: QueryService; runs: RunService }): Router {
  const { queries, runs } = deps;
  const router = Router();
  // Sending needs more than reading; a run someone was not allowed to make is still recorded.
  const run = requirePermission((req) => runs.permissionToRun(String(req.params.id)), {
    onDenied(req, res, error) {
      const query = queries.get(String(req.params.id));
      return runs.denied(contextOf(req, res), 'query.run', `query:${query.id}`, {
        command: query.command,
        queryName: query.name,
        error,
      });
    },
  });

  router.get('/queries', requirePermission('app:read'), (_req, res) => {
    res.json(queries.list().map(toPublic));
  });

  router.post('/queries', requirePermission('app:write'), async (req, res) => {
    const input = parseBody(queryInputSchema, req.body, 'invalid_query');
    sendVersioned(res, toPublic(await queries.create(input, contextOf(req, res))), 201);
  });

  router.get('/queries/:id', requirePermission('app:read'), (req, res) => {
    sendVersioned(res, toPublic(queries.get(req.params.id)));
  });

  router.patch('/queries/:id', requirePermission('app:write'), async (req, res) => {
    // An unknown id is a 404 whatever the body holds.
    const current = queries.get(req.params.id);
    const patch = parseBody(queryPatchSchema, req.body, 'invalid_query');
    const saved = await queries.update(current, patch, contextOf(req, res), readIfMatch(req));
    sendVersioned(res, toPublic(saved));
  });

  router.delete('/queries/:id', requirePermission('app:write'), async (req, res) => {
    await queries.remove(req.params.id, contextOf(req, res));
    res.status(204).end();
  });

  router.post('/queries/:id/run', run, async (req, res) => {
    const { params } = parseBody(queryRunRequestSchema, req.body, 'invalid_request');
    res.json(await runs.run(req.params.id, params, contextOf(req, res)));
  });

  return router;
}
