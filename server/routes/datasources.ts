import { Router } from 'express';
import { datasourceInputSchema, datasourcePatchSchema } from '../../src/contract/datasources';
import { executeRequestSchema } from '../../src/contract/queries';
import { requirePermission } from '../accounts/permissions';
import { contextOf } from '../accounts/request-auth';
import { toPublic, type DatasourceService } from '../datasources/service';
import type { RunService } from '../runs/service';
import type { ClientCache } from '../twilio/clients';
import { readLookups } from '../twilio/lookups';
import type { LookupsCache } from '../twilio/lookups-cache';
import type { DatasourceRecord } from '../store/datasources';
import { readIfMatch, sendVersioned } from './etag';
import { parseBody } from './validate';

export interface DatasourceRoutesDeps {
  datasources: DatasourceService;
  runs: RunService;
  clients: ClientCache;
  lookups: LookupsCache;
  emulatorInfo(): { messagingServiceSids: string[] };
  scheduleMinSeconds(ds: DatasourceRecord): number;
}

export function datasourcesRouter(deps: DatasourceRoutesDeps): Router {
  const { datasources, clients, lookups, runs } = deps;
  const router = Router();
  // A send someone was not allowed to make is still recorded.
  const execute = requirePermission('datasources:execute', {
    onDenied: (req, res, error) =>
      runs.denied(
        contextOf(req, res),
        'datasource.execute',
        `datasource:${String(req.params.id)}`,
        {
          error,
        },
      ),
  });

  router.get('/datasources', requirePermission('datasources:read'), (_req, res) => {
    res.json(datasources.list());
  });

  router.post('/datasources', requirePermission('datasources:write'), async (req, res) => {
    const input = parseBody(datasourceInputSchema, req.body, 'invalid_datasource');
    sendVersioned(res, toPublic(await datasources.create(input, contextOf(req, res))), 201);
  });

  // Test a datasource before saving it: the same call as for a saved one.
  router.post('/datasources/test', requirePermission('datasources:test'), async (req, res) => {
    const input = parseBody(datasourceInputSchema, req.body, 'invalid_datasource');
    res.json(await datasources.testUnsaved(input, contextOf(req, res)));
  });

  router.get('/datasources/:id', requirePermission('datasources:read'), (req, res) => {
    sendVersioned(res, toPublic(datasources.get(req.params.id)));
  });

  router.patch('/datasources/:id', requirePermission('datasources:write'), async (req, res) => {
    const patch = parseBody(datasourcePatchSchema, req.body, 'invalid_datasource');
    const updated = await datasources.update(
      req.params.id,
      patch,
      contextOf(req, res),
      readIfMatch(req),
    );
    clients.forget(updated.id);
    lookups.forget(updated.id);
    sendVersioned(res, toPublic(updated));
  });

  router.delete('/datasources/:id', requirePermission('datasources:write'), async (req, res) => {
    await datasources.remove(
      req.params.id,
      { cascade: req.query.cascade === 'true' },
      contextOf(req, res),
    );
    clients.forget(req.params.id);
    lookups.forget(req.params.id);
    res.status(204).end();
  });

  router.post('/datasources/:id/test', requirePermission('datasources:test'), async (req, res) => {
    res.json(await datasources.test(req.params.id, contextOf(req, res)));
  });

  router.get(
    '/datasources/:id/lookups',
    requirePermission('datasources:read'),
    async (req, res) => {
      const ds = datasources.get(req.params.id);
      res.json(
        await lookups.get(ds, () => {
          const { client } = clients.get(ds);
          const emulatorTarget = ds.target === 'emulator';
          return readLookups(client, ds.accountSid, {
            messagingServiceSids: emulatorTarget ? deps.emulatorInfo().messagingServiceSids : [],
            scheduleMinSeconds: deps.scheduleMinSeconds(ds),
          });
        }),
      );
    },
  );

  router.post('/datasources/:id/execute', execute, async (req, res) => {
    // An unknown id is a 404 whatever the body holds.
    const ds = datasources.get(req.params.id);
    const request = parseBody(executeRequestSchema, req.body, 'invalid_request');
    res.json(await runs.execute(ds, request, contextOf(req, res)));
  });

  return router;
}
