import { Router } from 'express';
import { datasourceInputSchema, datasourcePatchSchema } from '../../src/contract/datasources';
import { executeRequestSchema, DEFAULT_TIMEOUT_MS } from '../../src/contract/queries';
import { toPublic, type DatasourceService } from '../datasources/service';
import type { ClientCache } from '../twilio/clients';
import type { Relay } from '../twilio/relay';
import { testConnection } from '../twilio/test-connection';
import { readLookups } from '../twilio/lookups';
import type { DatasourceRecord } from '../store/datasources';
import { parseBody } from './validate';

export interface DatasourceRoutesDeps {
  datasources: DatasourceService;
  clients: ClientCache;
  relay: Relay;
  emulatorInfo(): { messagingServiceSids: string[] };
  scheduleMinSeconds(ds: DatasourceRecord): number;
}

export function datasourcesRouter(deps: DatasourceRoutesDeps): Router {
  const { datasources, clients, relay } = deps;
  const router = Router();

  router.get('/datasources', (_req, res) => {
    res.json(datasources.list());
  });

  router.post('/datasources', (req, res) => {
    const input = parseBody(datasourceInputSchema, req.body, 'invalid_datasource');
    res.status(201).json(toPublic(datasources.create(input)));
  });

  // Test a datasource before saving it: the same call as for a saved one.
  router.post('/datasources/test', async (req, res) => {
    const input = parseBody(datasourceInputSchema, req.body, 'invalid_datasource');
    const { credentials, isApiKey } = datasources.credentialsFor(input);
    res.json(await testConnection(credentials, isApiKey));
  });

  router.get('/datasources/:id', (req, res) => {
    res.json(toPublic(datasources.get(req.params.id)));
  });

  router.patch('/datasources/:id', (req, res) => {
    const patch = parseBody(datasourcePatchSchema, req.body, 'invalid_datasource');
    const updated = datasources.update(req.params.id, patch);
    clients.forget(updated.id);
    res.json(toPublic(updated));
  });

  router.delete('/datasources/:id', (req, res) => {
    datasources.remove(req.params.id, { cascade: req.query.cascade === 'true' });
    clients.forget(req.params.id);
    res.status(204).end();
  });

  router.post('/datasources/:id/test', async (req, res) => {
    const ds = datasources.get(req.params.id);
    res.json(await testConnection(datasources.credentialsOf(ds), ds.authType === 'api-key'));
  });

  router.get('/datasources/:id/lookups', async (req, res) => {
    const ds = datasources.get(req.params.id);
    const { client } = clients.get(ds);
    const emulatorTarget = ds.target === 'emulator';
    res.json(
      await readLookups(client, ds.accountSid, {
        messagingServiceSids: emulatorTarget ? deps.emulatorInfo().messagingServiceSids : [],
        scheduleMinSeconds: deps.scheduleMinSeconds(ds),
      }),
    );
  });

  router.post('/datasources/:id/execute', async (req, res) => {
    const ds = datasources.get(req.params.id);
    const { command, params, timeoutMs } = parseBody(
      executeRequestSchema,
      req.body,
      'invalid_request',
    );
    res.json(await relay.execute(ds, command, params, timeoutMs ?? DEFAULT_TIMEOUT_MS));
  });

  return router;
}
