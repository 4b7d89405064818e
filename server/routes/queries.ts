import { Router } from 'express';
import { queryInputSchema, queryPatchSchema } from '../../src/contract/queries';
import { toPublic, type QueryService } from '../queries/service';
import { parseBody } from './validate';

export function queriesRouter(deps: { queries: QueryService }): Router {
  const { queries } = deps;
  const router = Router();

  router.get('/queries', (_req, res) => {
    res.json(queries.list().map(toPublic));
  });

  router.post('/queries', (req, res) => {
    const input = parseBody(queryInputSchema, req.body, 'invalid_query');
    res.status(201).json(toPublic(queries.create(input)));
  });

  router.get('/queries/:id', (req, res) => {
    res.json(toPublic(queries.get(req.params.id)));
  });

  router.patch('/queries/:id', (req, res) => {
    // An unknown id is a 404 whatever the body holds.
    const current = queries.get(req.params.id);
    const patch = parseBody(queryPatchSchema, req.body, 'invalid_query');
    res.json(toPublic(queries.update(current, patch)));
  });

  router.delete('/queries/:id', (req, res) => {
    queries.remove(req.params.id);
    res.status(204).end();
  });

  return router;
}
