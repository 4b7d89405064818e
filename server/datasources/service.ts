import {
  datasourceConnectionSchema,
  type AuthType,
  type Datasource,
  type DatasourceInput,
  type DatasourcePatch,
  type Target,
} from '../../src/contract/datasources';
import { changesOf } from '../audit/changes';
import type { AuditService } from '../audit/service';
import type { RequestContext } from '../context';
import type { EmulatorIdentity } from '../emulator/identity';
import { HttpError } from '../http-errors';
import type { DatasourceRecord, DatasourceRepository, NewDatasource } from '../store/datasources';
import type { QueryRepository } from '../store/queries';
import type { Credentials } from '../twilio/clients';
import { testConnection } from '../twilio/test-connection';
import { VaultError, type Vault } from '../vault/vault';
import { conflictOf, EditConflictError, expectVersion } from '../versions';

// Datasources: the rules between the API and the store. Secrets go into the vault on the way in
// and come out only to build a twilio client; the API sees `hasSecret` and nothing more.

export interface DatasourceServiceDeps {
  repo: DatasourceRepository;
  /** The queries that run on a datasource, which its deletion must not orphan. */
  queries: Pick<QueryRepository, 'usingDatasource' | 'removeByDatasource'>;
  vault: Vault;
  emulator: Pick<EmulatorIdentity, 'accountSid' | 'authToken' | 'apiKeySid' | 'apiKeySecret'>;
  emulatorBaseUrl(): string;
  twilioBaseUrl: string;
  /** TQB_MAX_UPSTREAM_BYTES, handed to every client built from these credentials. */
  maxUpstreamBytes: number;
  audit: Pick<AuditService, 'record'>;
}

export function toPublic(ds: DatasourceRecord): Datasource {
  return {
    id: ds.id,
    name: ds.name,
    authType: ds.authType,
    accountSid: ds.accountSid,
    ...(ds.apiKeySid ? { apiKeySid: ds.apiKeySid } : {}),
    target: ds.target,
    // The emulator's own secret stands in when none was saved.
    hasSecret: ds.secret !== null || ds.target === 'emulator',
    createdAt: ds.createdAt,
    updatedAt: ds.updatedAt,
    version: ds.version,
    updatedBy: ds.updatedBy,
  };
}

/** The secret's field in the API, for the audit log's "(changed)". */
const secretName = (ds: { authType: AuthType }) =>
  ds.authType === 'api-key' ? 'apiKeySecret' : 'authToken';

/** What an event says of a datasource: never its secret, only whether it has one. */
const describe = (ds: DatasourceRecord) => ({
  name: ds.name,
  target: ds.target,
  authType: ds.authType,
  accountSid: ds.accountSid,
  apiKeySid: ds.apiKeySid,
  hasSecret: ds.secret !== null,
});

/** The API's words for what a complete datasource lacks: they say why it is needed. */
const MISSING = {
  accountSid: 'Account SID is required',
  apiKeySid: 'API Key SID is required for API Key authentication',
  authToken: 'Auth Token is required to connect to Twilio',
  apiKeySecret: 'API Key Secret is required to connect to Twilio',
} as const;

/**
 * Refuses a datasource that the contract's rule (datasourceConnectionSchema) does not find
 * complete, with a field error the form can show. `secret` is the one given with this request.
 */
export function requireComplete(
  d: {
    authType: AuthType;
    target: Target;
    accountSid?: string | undefined;
    apiKeySid?: string | null | undefined;
  },
  secret: string | undefined,
  secretSaved: boolean,
) {
  const given = {
    target: d.target,
    authType: d.authType,
    accountSid: d.accountSid || undefined,
    apiKeySid: d.apiKeySid || undefined,
    authToken: d.authType === 'basic' ? secret : undefined,
    apiKeySecret: d.authType === 'api-key' ? secret : undefined,
  };
  const parsed = datasourceConnectionSchema(secretSaved).safeParse(given);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0]) as keyof typeof MISSING;
  const message = given[field] === undefined ? MISSING[field] : issue.message;
  throw new HttpError(400, 'invalid_datasource', message, field);
}

const secretOf = (d: {
  authType: string;
  authToken?: string | undefined;
  apiKeySecret?: string | undefined;
}) => (d.authType === 'api-key' ? d.apiKeySecret : d.authToken);

const AUTH_LABELS: Record<AuthType, string> = {
  basic: "Auth Token ('basic')",
  'api-key': "API Key ('api-key')",
};

/** Fields that belong to the other way of signing in: a PATCH carrying one is refused, not ignored. */
const FOREIGN_FIELDS: Record<AuthType, readonly (keyof DatasourcePatch)[]> = {
  basic: ['apiKeySid', 'apiKeySecret'],
  'api-key': ['authToken'],
};

/**
 * How a PATCH changes a datasource: the fields it names, and the secret rule. A new secret replaces
 * the saved one; without one the saved secret stays only while the auth type and target stay, since
 * it would not fit another way of signing in. A field of the other auth type is a 400, since
 * dropping it would let a caller believe a secret was saved when it was not.
 */
export function applyPatch<
  T extends { name: string; authType: AuthType; target: Target; accountSid: string },
>(current: T, patch: DatasourcePatch) {
  const authType = patch.authType ?? current.authType;
  const target = patch.target ?? current.target;
  const foreign = FOREIGN_FIELDS[authType].find((f) => patch[f] !== undefined);
  if (foreign) {
    const other: AuthType = authType === 'basic' ? 'api-key' : 'basic';
    const wanted = authType === 'basic' ? 'authToken' : 'apiKeySid and apiKeySecret';
    throw new HttpError(
      400,
      'invalid_datasource',
      `${foreign} belongs to ${AUTH_LABELS[other]} authentication, but this datasource ${patch.authType ? 'is being set to' : 'uses'} ${AUTH_LABELS[authType]}: ` +
        `remove ${foreign}, send ${wanted} instead, or send authType: '${other}' to switch.`,
      foreign,
    );
  }
  return {
    name: patch.name ?? current.name,
    authType,
    target,
    accountSid: patch.accountSid ?? current.accountSid,
    newSecret: secretOf({ authType, authToken: patch.authToken, apiKeySecret: patch.apiKeySecret }),
    keepsSecret: authType === current.authType && target === current.target,
  };
}

export function datasourceService(deps: DatasourceServiceDeps) {
  const { repo, vault, emulator, audit } = deps;

  function assertNameFree(name: string, exceptId?: string) {
    const other = repo.findByName(name);
    if (other && other.id !== exceptId) {
      throw new HttpError(
        409,
        'name_taken',
        `A datasource named "${other.name}" already exists; choose another name`,
        'name',
      );
    }
  }

  /** Fills what an emulator datasource may leave out; the rest is as given. */
  function normalize(input: DatasourceInput): NewDatasource & { secret: string | undefined } {
    const emulatorTarget = input.target === 'emulator';
    const apiKey = input.authType === 'api-key';
    return {
      name: input.name,
      authType: input.authType,
      target: input.target,
      accountSid: input.accountSid ?? (emulatorTarget ? emulator.accountSid : ''),
      apiKeySid: apiKey ? (input.apiKeySid ?? (emulatorTarget ? emulator.apiKeySid : null)) : null,
      secret: secretOf(input),
    };
  }

  function credentials(
    ds: { authType: string; target: string; accountSid: string; apiKeySid: string | null },
    secret: string | null,
  ): Credentials {
    const emulatorTarget = ds.target === 'emulator';
    const baseUrl = emulatorTarget ? deps.emulatorBaseUrl() : deps.twilioBaseUrl;
    const fallback = ds.authType === 'api-key' ? emulator.apiKeySecret : emulator.authToken;
    const password = secret ?? (emulatorTarget ? fallback : '');
    const username = ds.authType === 'api-key' ? (ds.apiKeySid ?? '') : ds.accountSid;
    return {
      username,
      password,
      accountSid: ds.accountSid,
      baseUrl,
      maxResponseBytes: deps.maxUpstreamBytes,
    };
  }

  /** The saved secret in clear; one sealed under another key (or altered) is a clear error, not a 500. */
  function unseal(ds: DatasourceRecord, sealed: string): string {
    try {
      return vault.decrypt(sealed, ds.id);
    } catch (err) {
      if (!(err instanceof VaultError)) throw err;
      const apiKey = ds.authType === 'api-key';
      const label = apiKey ? 'API Key Secret' : 'Auth Token';
      throw new HttpError(
        409,
        'secret_unreadable',
        `The saved ${label} of datasource "${ds.name}" cannot be decrypted: the server's secret key ` +
          '(TQB_SECRET_KEY, or secret.key in DATA_DIR) changed since it was saved, or the stored data was altered. ' +
          `Edit the datasource and enter the ${label} again, or restart with the old key.`,
        apiKey ? 'apiKeySecret' : 'authToken',
      );
    }
  }

  return {
    list: () => repo.list().map(toPublic),
    get(id: string): DatasourceRecord {
      const ds = repo.get(id);
      if (!ds) throw new HttpError(404, 'datasource_not_found', `No datasource with id ${id}`);
      return ds;
    },
    async create(input: DatasourceInput, ctx: RequestContext): Promise<DatasourceRecord> {
      const d = normalize(input);
      requireComplete(d, d.secret, false);
      assertNameFree(d.name);
      const { secret, ...rest } = d;
      const created = repo.create(
        rest,
        (id) => (secret === undefined ? null : vault.encrypt(secret, id)),
        ctx.actor.username,
      );
      await audit.record(ctx, {
        action: 'datasource.create',
        target: `datasource:${created.id}`,
        details: describe(created),
      });
      return created;
    },
    /** `ifMatch`: the versions the caller's copy may be (If-Match); a write on another is a 412. */
    async update(
      id: string,
      patch: DatasourcePatch,
      ctx: RequestContext,
      ifMatch?: readonly number[],
    ): Promise<DatasourceRecord> {
      const current = this.get(id);
      const expected = expectVersion(current, ifMatch);
      const { newSecret, keepsSecret, ...fields } = applyPatch(current, patch);
      const { authType, target } = fields;
      const next: DatasourceRecord = {
        ...current,
        ...fields,
        apiKeySid:
          authType === 'api-key'
            ? (patch.apiKeySid ??
              current.apiKeySid ??
              (target === 'emulator' ? emulator.apiKeySid : null))
            : null,
        secret:
          newSecret !== undefined
            ? vault.encrypt(newSecret, id)
            : keepsSecret
              ? current.secret
              : null,
      };
      if (target === 'emulator' && !next.accountSid) next.accountSid = emulator.accountSid;
      requireComplete(next, newSecret, next.secret !== null);
      assertNameFree(next.name, id);
      const saved = repo.save(next, { by: ctx.actor.username, expected });
      if (!saved) throw new EditConflictError(conflictOf(this.get(id)));
      // A new secret always counts as a change, even one equal to the old: it was sealed anew.
      await audit.record(ctx, {
        action: 'datasource.update',
        target: `datasource:${id}`,
        details: {
          changes: changesOf(
            current,
            saved,
            ['name', 'authType', 'target', 'accountSid', 'apiKeySid'],
            { [secretName(saved)]: { before: current.secret, after: saved.secret } },
          ),
        },
      });
      return saved;
    },
    /**
     * Deleting a datasource that queries use would orphan them: refused, naming them, unless
     * `cascade` asks to delete those queries too.
     */
    async remove(id: string, { cascade }: { cascade: boolean }, ctx: RequestContext) {
      const ds = this.get(id);
      const users = deps.queries.usingDatasource(ds.id);
      if (users.length > 0 && !cascade) {
        throw new HttpError(
          409,
          'datasource_in_use',
          `Datasource "${ds.name}" is used by ${users.length === 1 ? 'query' : 'queries'} ${users.map((q) => q.name).join(', ')}; ` +
            'delete or move them first, or delete with ?cascade=true to delete them too',
        );
      }
      deps.queries.removeByDatasource(ds.id);
      repo.remove(ds.id);
      await audit.record(ctx, {
        action: 'datasource.delete',
        target: `datasource:${ds.id}`,
        details: { name: ds.name, deletedQueries: users.map((q) => q.name) },
      });
    },
    /** Tests a saved datasource's connection. */
    async test(id: string, ctx: RequestContext) {
      const ds = this.get(id);
      const result = await testConnection(this.credentialsOf(ds), ds.authType === 'api-key');
      await audit.record(ctx, {
        action: 'datasource.test',
        target: `datasource:${ds.id}`,
        outcome: result.ok ? 'success' : 'failure',
        details: { name: ds.name, ok: result.ok, ...(result.error ? { error: result.error } : {}) },
      });
      return result;
    },
    /** Tests an unsaved body, for "Test" before "Save". */
    async testUnsaved(input: DatasourceInput, ctx: RequestContext) {
      const d = normalize(input);
      const result = await testConnection(this.credentialsFor(input), d.authType === 'api-key');
      await audit.record(ctx, {
        action: 'datasource.test',
        outcome: result.ok ? 'success' : 'failure',
        details: {
          name: d.name,
          target: d.target,
          authType: d.authType,
          accountSid: d.accountSid,
          saved: false,
          ok: result.ok,
          ...(result.error ? { error: result.error } : {}),
        },
      });
      return result;
    },
    /** Credentials of an unsaved body, once it is complete (the fake API tests with these too). */
    credentialsFor(input: DatasourceInput): Credentials {
      const d = normalize(input);
      requireComplete(d, d.secret, false);
      return credentials(d, d.secret ?? null);
    },
    /** Credentials of a saved datasource, decrypted for one use. */
    credentialsOf(ds: DatasourceRecord): Credentials {
      return credentials(ds, ds.secret === null ? null : unseal(ds, ds.secret));
    },
    /** A new DATA_DIR starts with a datasource for the built-in emulator. */
    seed() {
      if (repo.list().length > 0) return;
      repo.create(
        {
          name: 'Twilio Emulator',
          authType: 'basic',
          target: 'emulator',
          accountSid: emulator.accountSid,
          apiKeySid: null,
        },
        () => null,
      );
    },
  };
}

export type DatasourceService = ReturnType<typeof datasourceService>;
