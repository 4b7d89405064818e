import { Router, type Request, type Response } from 'express';
import {
  passwordChangeSchema,
  setupRequestSchema,
  signInRequestSchema,
} from '../../src/contract/accounts';
import { clearedSessionCookie, sessionCookie } from '../accounts/cookie';
import { authOf } from '../accounts/request-auth';
import type { IssuedSession, SessionService } from '../accounts/session-service';
import { clientKey } from '../security/rate-limit';
import { parseBody } from './validate';

// The first admin (POST /api/setup), signing in and out, and one's own password. The access gate
// decides which of these need a signed-in user.

export function sessionRouter(deps: { sessions: SessionService }): Router {
  const { sessions } = deps;
  const router = Router();

  const answer = (req: Request, res: Response, issued: IssuedSession, status = 200) => {
    res.setHeader('Set-Cookie', sessionCookie(req, issued.token));
    res.status(status).json(issued.info);
  };

  router.post('/setup', async (req, res) => {
    const input = parseBody(setupRequestSchema, req.body, 'invalid_setup');
    answer(req, res, await sessions.setup(input, clientKey(req)), 201);
  });

  router.get('/session', (_req, res) => {
    res.json(sessions.info(authOf(res)));
  });

  router.post('/session', async (req, res) => {
    const input = parseBody(signInRequestSchema, req.body, 'invalid_sign_in');
    answer(req, res, await sessions.signIn(input, clientKey(req)));
  });

  router.delete('/session', async (req, res) => {
    await sessions.signOut(authOf(res), clientKey(req));
    res.setHeader('Set-Cookie', clearedSessionCookie(req));
    res.status(204).end();
  });

  // Any signed-in user, for their own password (the gate asks for one).
  router.post('/session/password', async (req, res) => {
    const input = parseBody(passwordChangeSchema, req.body, 'invalid_password_change');
    answer(req, res, await sessions.changePassword(input, authOf(res), clientKey(req)));
  });

  return router;
}
