import type { PageDoc, SavedPage } from '../../src/contract/page';
import { HttpError } from '../http-errors';
import type { PageRepository } from '../store/pages';
import type { QueryRepository } from '../store/queries';

// The widget page: the rules between the API and the store.

export interface PageServiceDeps {
  repo: PageRepository;
  queries: Pick<QueryRepository, 'findByName'>;
}

export function pageService(deps: PageServiceDeps) {
  const { repo, queries } = deps;
  return {
    get: (): SavedPage => repo.get(),
    save(doc: PageDoc): SavedPage {
      // Widgets and queries share one namespace: {{Input1.text}} and {{ListMessages.data}} (the
      // query service refuses the same clash from the queries' side). A name the saved page
      // already had is let through, so a clash made before this check cannot block every later
      // save of the page; only a new one is refused.
      const saved = new Set(repo.get().widgets.map((w) => w.name.toLowerCase()));
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
      return repo.save(doc);
    },
  };
}

export type PageService = ReturnType<typeof pageService>;
