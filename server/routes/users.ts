import { Router } from 'express';
import { userCreateSchema, userPatchSchema } from '../../src/contract/accounts';
import { requirePermission } from '../accounts/permissions';
import { contextOf } from '../accounts/request-auth';
import type { UserService } from '../accounts/user-service';
import { parseBody } from './validate';

export function usersRouter(deps: { users: UserService }): Router {
  const { users } = deps;
  const router = Router();

  router.get('/users', requirePermission('users:manage'), async (_req, res) => {
    res.json(await users.list());
  });

  router.post('/users', requirePermission('users:manage'), async (req, res) => {
    const input = parseBody(userCreateSchema, req.body, 'invalid_user');
    res.status(201).json(await users.create(input, contextOf(req, res)));
  });

  router.patch('/users/:id', requirePermission('users:manage'), async (req, res) => {
    const patch = parseBody(userPatchSchema, req.body, 'invalid_user');
    res.json(await users.update(req.params.id, patch, contextOf(req, res)));
  });

  router.delete('/users/:id', requirePermission('users:manage'), async (req, res) => {
    await users.remove(req.params.id, contextOf(req, res));
    res.status(204).end();
  });

  return router;
}
