import { Router } from 'express';
import { auditQuerySchema } from '../../src/contract/accounts';
import { actorOf } from '../accounts/request-auth';
import type { AuditService } from '../audit/service';
import { parseBody } from './validate';

/** GET /api/audit: everyone may read; the service filters to one's own events unless audit:read-all. */
export function auditRouter(deps: { audit: AuditService }): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const query = parseBody(auditQuerySchema, { ...req.query }, 'invalid_request');
    res.json(await deps.audit.list(query, actorOf(res)));
  });
  return router;
}
