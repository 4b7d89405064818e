import { Router } from 'express';
import { pagePutSchema } from '../../src/contract/page';
import { requirePermission } from '../accounts/permissions';
import { contextOf } from '../accounts/request-auth';
import type { PageService } from '../pages/service';
import { readIfMatch, sendVersioned } from './etag';
import { parseBody } from './validate';

export function pageRouter(deps: { pages: PageService }): Router {
  const { pages } = deps;
  const router = Router();
  router.get('/page', requirePermission('app:read'), (_req, res) => {
    sendVersioned(res, pages.get());
  });
  router.put('/page', requirePermission('app:write'), async (req, res) => {
    const doc = parseBody(pagePutSchema, req.body, 'invalid_page');
    sendVersioned(res, await pages.save(doc, contextOf(req, res), readIfMatch(req)));
  });
  return router;
}
