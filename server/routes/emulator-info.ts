import { Router } from 'express';
import { requirePermission } from '../accounts/permissions';
import type { Emulator } from '../emulator/app';

/** GET /api/emulator: what the UI needs to use the built-in emulator; never its secrets. */
export function emulatorInfoRouter(emulator: Emulator): Router {
  const router = Router();
  router.get('/emulator', requirePermission('datasources:read'), (_req, res) => {
    const { accountSid, apiKeySid, trial, phoneNumbers, messagingServiceSids, verifiedCallerIds } =
      emulator.info();
    res.json({
      accountSid,
      apiKeySid,
      trial,
      phoneNumbers,
      messagingServiceSids,
      verifiedCallerIds,
    });
  });
  return router;
}
