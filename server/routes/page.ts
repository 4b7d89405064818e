import { Router } from 'express';
import { pageSchema } from '../../src/contract/page';
import type { PageService } from '../pages/service';
import { parseBody } from './validate';

export function pageRouter(deps: { pages: PageService }): Router {
  const { pages } = deps;
  const router = Router();
  router.get('/page', (_req, res) => {
    res.json(pages.get());
  });
  router.put('/page', (req, res) => {
    res.json(pages.save(parseBody(pageSchema, req.body, 'invalid_page')));
  });
  return router;
}
