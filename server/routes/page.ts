import { Router } from 'express';
import { pageSchema } from '../../src/contract/page';
import type { pageRepository } from '../store/pages';
import { parseBody } from './validate';

export function pageRouter(pages: ReturnType<typeof pageRepository>): Router {
  const router = Router();
  router.get('/page', (_req, res) => {
    res.json(pages.get());
  });
  router.put('/page', (req, res) => {
    const doc = parseBody(pageSchema, req.body, 'invalid_page');
    res.json(pages.save(doc));
  });
  return router;
}
