import { Router } from 'express';
import { pageSchema } from '../../src/contract/page';
import { HttpError } from '../http-errors';
import type { PageRepository } from '../store/pages';
import type { QueryRepository } from '../store/queries';
import { parseBody } from './validate';

export function pageRouter(deps: { pages: PageRepository; queries: QueryRepository }): Router {
  const { pages, queries } = deps;
  const router = Router();
  router.get('/page', (_req, res) => {
    res.json(pages.get());
  });
  router.put('/page', (req, res) => {
    const doc = parseBody(pageSchema, req.body, 'invalid_page');
    // Widgets and queries share one namespace: {{Input1.text}} and {{ListMessages.data}}. A name
    // the saved page already had is let through, so a clash made before this check cannot block
    // every later save of the page; only a new one is refused.
    const saved = new Set(pages.get().widgets.map((w) => w.name.toLowerCase()));
    doc.widgets.forEach((w, i) => {
      if (saved.has(w.name.toLowerCase())) return;
      const query = queries.findByName(w.name);
      if (!query) return;
      throw new HttpError(
        409,
        'name_taken',
        `A query is named "${query.name}", so no widget may be: widgets and queries share one namespace in {{ }} bindings. ` +
          `Rename the widget (or the query ${query.name}).`,
        `widgets.${i}.name`,
      );
    });
    res.json(pages.save(doc));
  });
  return router;
}
