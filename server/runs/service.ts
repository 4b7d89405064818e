import { runPermission, type AuditAction, type Permission } from '../../src/contract/accounts';
import type { CommandId } from '../../src/contract/commands/types';
import {
  DEFAULT_TIMEOUT_MS,
  type ExecuteResult,
  type executeRequestSchema,
} from '../../src/contract/queries';
import type { z } from 'zod';
import type { AuditService } from '../audit/service';
import type { RequestContext } from '../context';
import type { DatasourceService } from '../datasources/service';
import { HttpError } from '../http-errors';
import type { QueryService } from '../queries/service';
import type { DatasourceRecord } from '../store/datasources';
import type { Relay } from '../twilio/relay';
import { boundParams } from './bound-params';

// Every call that reaches Twilio: a saved query run from the app (POST /api/queries/:id/run) and a
// command run on a datasource directly (POST /api/datasources/:id/execute). Each is an audit event,
// whether it succeeded, Twilio refused it, it never left (a 400) or the caller was not allowed.

export interface RunServiceDeps {
  relay: Pick<Relay, 'execute'>;
  datasources: Pick<DatasourceService, 'get'>;
  queries: Pick<QueryService, 'get'>;
  audit: Pick<AuditService, 'record'>;
}

type ExecuteRequest = z.infer<typeof executeRequestSchema>;

/** The Twilio SID in an answer, when it names one message. */
const sidOf = (data: unknown): string | null => {
  const sid = (data as { sid?: unknown } | null | undefined)?.sid;
  return typeof sid === 'string' ? sid : null;
};

const describeError = (err: HttpError) => ({
  code: err.code,
  message: err.message,
  ...(err.field ? { field: err.field } : {}),
});

export function runService(deps: RunServiceDeps) {
  const { relay, audit } = deps;

  /** Runs through the relay and records the event, whatever the outcome. */
  async function audited(
    ctx: RequestContext,
    event: { action: AuditAction; target: string; details: Record<string, unknown> },
    call: () => Promise<ExecuteResult>,
  ): Promise<ExecuteResult> {
    let result: ExecuteResult;
    try {
      result = await call();
    } catch (err) {
      if (err instanceof HttpError)
        await audit.record(ctx, {
          ...event,
          outcome: err.status === 403 ? 'denied' : 'failure',
          details: { ...event.details, error: describeError(err) },
        });
      throw err;
    }
    await audit.record(ctx, {
      ...event,
      outcome: result.ok ? 'success' : 'failure',
      details: {
        ...event.details,
        params: result.request.params,
        sid: sidOf(result.data),
        status: result.status,
        errorCode: result.error?.code ?? null,
        durationMs: result.durationMs,
      },
    });
    return result;
  }

  return {
    /** What running this saved query needs: sending is more than reading. */
    permissionToRun(queryId: string): Permission {
      return runPermission(deps.queries.get(queryId).command);
    },

    /** POST /api/datasources/:id/execute: any command, as the caller wrote it. */
    execute(ds: DatasourceRecord, request: ExecuteRequest, ctx: RequestContext) {
      return audited(
        ctx,
        {
          action: 'datasource.execute',
          target: `datasource:${ds.id}`,
          details: { command: request.command },
        },
        () =>
          relay.execute(
            ds,
            request.command,
            request.params,
            request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          ),
      );
    },

    /**
     * POST /api/queries/:id/run: the saved query's datasource, command and timeout, with the
     * values of its bound fields from the caller and its fixed fields as saved.
     */
    run(queryId: string, submitted: Record<string, unknown>, ctx: RequestContext) {
      const query = deps.queries.get(queryId);
      return audited(
        ctx,
        {
          action: 'query.run',
          target: `query:${query.id}`,
          details: { command: query.command, queryName: query.name },
        },
        async () => {
          const params = boundParams(query, submitted);
          const ds = deps.datasources.get(query.datasourceId);
          return relay.execute(ds, query.command, params, query.settings.timeoutMs);
        },
      );
    },

    /** A run or send the caller's role may not make is an event too. */
    async denied(
      ctx: RequestContext,
      action: 'query.run' | 'datasource.execute',
      target: string,
      details: { command?: CommandId; queryName?: string; error: HttpError },
    ) {
      const { error, ...rest } = details;
      await audit.record(ctx, {
        action,
        target,
        outcome: 'denied',
        details: { ...rest, error: describeError(error) },
      });
    },
  };
}

export type RunService = ReturnType<typeof runService>;
