import type { PageDoc, SavedPage } from '../../src/contract/page';
import type { AuditService } from '../audit/service';
import type { RequestContext } from '../context';
import { HttpError } from '../http-errors';
import type { PageRepository } from '../store/pages';
import type { QueryRepository } from '../store/queries';
import { conflictOf, EditConflictError, expectVersion } from '../versions';
import { checkBindingSize } from './binding-size';

// The widget page: the rules between the API and the store.

export interface PageServiceDeps {
  repo: PageRepository;
  queries: Pick<QueryRepository, 'findByName'>;
  audit: Pick<AuditService, 'record'>;
}

/** What an event says of a page change: widgets by name, added, removed and changed. */
function widgetChanges(before: PageDoc, after: PageDoc) {
  const key = (w: PageDoc['widgets'][number]) => w.id;
  const old = new Map(before.widgets.map((w) => [key(w), w]));
  const now = new Map(after.widgets.map((w) => [key(w), w]));
  return {
    added: after.widgets.filter((w) => !old.has(key(w))).map((w) => w.name),
    removed: before.widgets.filter((w) => !now.has(key(w))).map((w) => w.name),
    changed: after.widgets
      .filter((w) => old.has(key(w)) && JSON.stringify(old.get(key(w))) !== JSON.stringify(w))
      .map((w) => w.name),
  };
}

export function pageService(deps: PageServiceDeps) {
  const { repo, queries, audit } = deps;
  return {
    get: (): SavedPage => repo.get(),
    /** `ifMatch`: the versions the caller's copy may be (If-Match); a write on another is a 412. */
    async save(doc: PageDoc, ctx: RequestContext, ifMatch?: readonly number[]): Promise<SavedPage> {
      checkBindingSize(doc);
      const current = repo.get();
      const expected = expectVersion(current, ifMatch);
      // Widgets and queries share one namespace: {{Input1.text}} and {{ListMessages.data}} (the
      // query service refuses the same clash from the queries' side). A name the saved page
      // already had is let through, so a clash made before this check cannot block every later
      // save of the page; only a new one is refused.
      const saved = new Set(current.widgets.map((w) => w.name.toLowerCase()));
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
      const written = repo.save(doc, { by: ctx.actor.username, expected });
      if (!written) throw new EditConflictError(conflictOf(repo.get()));
      await audit.record(ctx, {
        action: 'page.update',
        target: 'page:main',
        details: { widgets: doc.widgets.length, changes: widgetChanges(current, doc) },
      });
      return written;
    },
  };
}

export type PageService = ReturnType<typeof pageService>;
