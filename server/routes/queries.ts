import { Router } from 'express';
import { queryInputSchema, queryPatchSchema, type SavedQuery } from '../../src/contract/queries';
import type { DatasourceService } from '../datasources/service';
import { HttpError } from '../http-errors';
import type { PageRepository } from '../store/pages';
import type { QueryRecord, QueryRepository } from '../store/queries';
import { parseBody } from './validate';

const toPublic = (q: QueryRecord): SavedQuery => ({ ...q });

export function queriesRouter(deps: {
  queries: QueryRepository;
  datasources: DatasourceService;
  pages: PageRepository;
}): Router {
  const { queries, datasources, pages } = deps;
  const router = Router();

  const get = (id: string) => {
    const q = queries.get(id);
    if (!q) throw new HttpError(404, 'query_not_found', `No query with id ${id}`);
    return q;
  };
  const assertNameFree = (name: string, exceptId?: string) => {
    const other = queries.findByName(name);
    if (other && other.id !== exceptId) {
      throw new HttpError(
        409,
        'name_taken',
        `A query named "${other.name}" already exists; query names are unique`,
        'name',
      );
    }
  };
  // Widgets and queries share one namespace: {{Input1.text}} and {{ListMessages.data}}.
  const assertNoWidgetNamed = (name: string) => {
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
  };
  const assertDatasource = (id: string) => {
    try {
      datasources.get(id);
    } catch {
      throw new HttpError(400, 'invalid_query', `No datasource with id ${id}`, 'datasourceId');
    }
  };

  router.get('/queries', (_req, res) => {
    res.json(queries.list().map(toPublic));
  });

  router.post('/queries', (req, res) => {
    const input = parseBody(queryInputSchema, req.body, 'invalid_query');
    assertDatasource(input.datasourceId);
    assertNameFree(input.name);
    assertNoWidgetNamed(input.name);
    res.status(201).json(toPublic(queries.create(input)));
  });

  router.get('/queries/:id', (req, res) => {
    res.json(toPublic(get(req.params.id)));
  });

  router.patch('/queries/:id', (req, res) => {
    const current = get(req.params.id);
    const patch = parseBody(queryPatchSchema, req.body, 'invalid_query');
    if (patch.datasourceId !== undefined) assertDatasource(patch.datasourceId);
    if (patch.name !== undefined) assertNameFree(patch.name, current.id);
    // Only a new name is checked, so a clash made before this check cannot block every later edit.
    if (patch.name !== undefined && patch.name.toLowerCase() !== current.name.toLowerCase())
      assertNoWidgetNamed(patch.name);
    const next: QueryRecord = {
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
    };
    res.json(toPublic(queries.save(next)));
  });

  router.delete('/queries/:id', (req, res) => {
    get(req.params.id);
    queries.remove(req.params.id);
    res.status(204).end();
  });

  return router;
}
