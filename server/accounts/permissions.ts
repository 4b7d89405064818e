import type { NextFunction, Request, Response } from 'express';
import { can, forbiddenMessage, type Permission } from '../../src/contract/accounts';
import type { Awaitable } from '../context';
import { HttpError } from '../http-errors';
import { actorOf } from './request-auth';

// One middleware per route checks the PERMISSIONS table of the contract, which the browser also
// reads to hide what would fail.

export class ForbiddenError extends HttpError {
  constructor(
    message: string,
    readonly permission: Permission,
  ) {
    super(403, 'forbidden', message);
  }
}

export interface PermissionOptions {
  /** Called before a refusal is answered: runs and sends are audited even when refused. */
  onDenied?(req: Request, res: Response, error: ForbiddenError): Awaitable<void>;
}

/** A handler for any route: generic in the params, so the route's own handlers keep theirs (/:id). */
export type AnyRouteHandler = <Params>(
  req: Request<Params>,
  res: Response,
  next: NextFunction,
) => Promise<void>;

/** Lets the request through when the actor's role has `permission` (or the one `permission(req)` picks). */
export function requirePermission(
  permission: Permission | ((req: Request) => Awaitable<Permission>),
  options: PermissionOptions = {},
): AnyRouteHandler {
  return async (req, res, next) => {
    // The routes' params do not matter here; Express hands every handler the same request.
    const request = req as unknown as Request;
    const needed = typeof permission === 'function' ? await permission(request) : permission;
    const actor = actorOf(res);
    if (can(actor.role, needed)) return next();
    const error = new ForbiddenError(forbiddenMessage(actor.role, needed), needed);
    await options.onDenied?.(request, res, error);
    throw error;
  };
}
