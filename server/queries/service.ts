import type { QueryInput, QueryPatch, SavedQuery } from '../../src/contract/queries';
import { changesOf } from '../audit/changes';
import type { AuditService } from '../audit/service';
import type { RequestContext } from '../context';
import type { DatasourceService } from '../datasources/service';
import { HttpError } from '../http-errors';
import type { PageRepository } from '../store/pages';
import type { QueryRecord, QueryRepository } from '../store/queries';
import { conflictOf, EditConflictError, expectVersion } from '../versions';

// Saved queries: the rules between the API and the store. A query's name is how bindings refer to
// it ({{ListMessages.data}}), so it is unique among queries and among the page's widgets.

export interface QueryServiceDeps {
  repo: QueryRepository;
  datasources: Pick<DatasourceService, 'get'>;
  pages: Pick<PageRepository, 'get'>;
  audit: Pick<AuditService, 'record'>;
}

export const toPublic = (q: QueryRecord): SavedQuery => ({ ...q });

export function queryService(deps: QueryServiceDeps) {
  const { repo, datasources, pages, audit } = deps;

  function assertNameFree(name: string, exceptId?: string) {
    const other = repo.findByName(name);
    if (other && other.id !== exceptId) {
      throw new HttpError(
        409,
        'name_taken',
        `A query named "${other.name}" already exists; query names are unique`,
        'name',
      );
    }
  }

  // Widgets and queries share one namespace: {{Input1.text}} and {{ListMessages.data}}. The page
  // service refuses the same clash from the widgets' side.
  function assertNoWidgetNamed(name: string) {
    const widget = pages.get().widgets.find((w) => w.name.toLowerCase() === name.toLowerCase());
    if (widget) {
      throw new HttpError(
        409,
        'name_taken',
        `A widget on the page is named "${widget.name}", so no query may be: widgets and queries share one namespace in {{ }} bindings. ` +
          `Choose another query name (or rename the widget ${widget.name}).`,
        'name',
      );
    }
  }

  function assertDatasource(id: string) {
    try {
      datasources.get(id);
    } catch {
      throw new HttpError(400, 'invalid_query', `No datasource with id ${id}`, 'datasourceId');
    }
  }

  return {
    list: () => repo.list(),
    get(id: string): QueryRecord {
      const q = repo.get(id);
      if (!q) throw new HttpError(404, 'query_not_found', `No query with id ${id}`);
      return q;
    },
    async create(input: QueryInput, ctx: RequestContext): Promise<QueryRecord> {
      assertDatasource(input.datasourceId);
      assertNameFree(input.name);
      assertNoWidgetNamed(input.name);
      const created = repo.create(input, ctx.actor.username);
      await audit.record(ctx, {
        action: 'query.create',
        target: `query:${created.id}`,
        details: {
          name: created.name,
          command: created.command,
          datasourceId: created.datasourceId,
        },
      });
      return created;
    },
    /**
     * Changes what the patch names; a settings field it leaves out keeps its saved value.
     * `ifMatch`: the versions the caller's copy may be (If-Match); a write on another is a 412.
     */
    async update(
      current: QueryRecord,
      patch: QueryPatch,
      ctx: RequestContext,
      ifMatch?: readonly number[],
    ): Promise<QueryRecord> {
      const expected = expectVersion(current, ifMatch);
      if (patch.datasourceId !== undefined) assertDatasource(patch.datasourceId);
      if (patch.name !== undefined) assertNameFree(patch.name, current.id);
      // Only a new name is checked, so a clash made before this check cannot block every later edit.
      if (patch.name !== undefined && patch.name.toLowerCase() !== current.name.toLowerCase())
        assertNoWidgetNamed(patch.name);
      const saved = repo.save(
        {
          ...current,
          name: patch.name ?? current.name,
          datasourceId: patch.datasourceId ?? current.datasourceId,
          command: patch.command ?? current.command,
          params: patch.params ?? current.params,
          settings: {
            ...current.settings,
            ...Object.fromEntries(
              Object.entries(patch.settings ?? {}).filter(([, v]) => v !== undefined),
            ),
          },
        },
        { by: ctx.actor.username, expected },
      );
      if (!saved) throw new EditConflictError(conflictOf(this.get(current.id)));
      await audit.record(ctx, {
        action: 'query.update',
        target: `query:${saved.id}`,
        details: {
          name: saved.name,
          changes: changesOf(current, saved, [
            'name',
            'datasourceId',
            'command',
            'params',
            'settings',
          ]),
        },
      });
      return saved;
    },
    async remove(id: string, ctx: RequestContext) {
      const query = this.get(id);
      repo.remove(id);
      await audit.record(ctx, {
        action: 'query.delete',
        target: `query:${id}`,
        details: { name: query.name, command: query.command },
      });
    },
  };
}

export type QueryService = ReturnType<typeof queryService>;
