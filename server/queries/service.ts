import type { QueryInput, QueryPatch, SavedQuery } from '../../src/contract/queries';
import type { DatasourceService } from '../datasources/service';
import { HttpError } from '../http-errors';
import type { PageRepository } from '../store/pages';
import type { QueryRecord, QueryRepository } from '../store/queries';

// Saved queries: the rules between the API and the store. A query's name is how bindings refer to
// it ({{ListMessages.data}}), so it is unique among queries and among the page's widgets.

export interface QueryServiceDeps {
  repo: QueryRepository;
  datasources: Pick<DatasourceService, 'get'>;
  pages: Pick<PageRepository, 'get'>;
}

export const toPublic = (q: QueryRecord): SavedQuery => ({ ...q });

export function queryService(deps: QueryServiceDeps) {
  const { repo, datasources, pages } = deps;

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
    create(input: QueryInput): QueryRecord {
      assertDatasource(input.datasourceId);
      assertNameFree(input.name);
      assertNoWidgetNamed(input.name);
      return repo.create(input);
    },
    /** Changes what the patch names; a settings field it leaves out keeps its saved value. */
    update(current: QueryRecord, patch: QueryPatch): QueryRecord {
      if (patch.datasourceId !== undefined) assertDatasource(patch.datasourceId);
      if (patch.name !== undefined) assertNameFree(patch.name, current.id);
      // Only a new name is checked, so a clash made before this check cannot block every later edit.
      if (patch.name !== undefined && patch.name.toLowerCase() !== current.name.toLowerCase())
        assertNoWidgetNamed(patch.name);
      return repo.save({
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
      });
    },
    remove(id: string) {
      this.get(id);
      repo.remove(id);
    },
  };
}

export type QueryService = ReturnType<typeof queryService>;
