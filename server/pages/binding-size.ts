import { MAX_EXPRESSION_LENGTH, scanTemplate } from '../../src/bindings';
import type { PageDoc } from '../../src/contract/page';
import { HttpError } from '../http-errors';

// Every user of a page evaluates its bindings on their own main thread, so a page's binding text
// is capped when it is saved, not only counted when it runs. A binding longer than the parser
// accepts could never run; the total caps how many a page can hold.

/** Characters of `{{ }}` text (braces included) a saved page may hold in all. */
export const MAX_PAGE_BINDING_CHARS = 32_000;

/** Refuses (400 `page_too_heavy`) a page with a binding too long or too much binding text. */
export function checkBindingSize(doc: PageDoc): void {
  let total = 0;
  doc.widgets.forEach((widget, i) => {
    const texts: [string, unknown][] = [
      ...Object.entries(widget.props),
      ['action.onSuccessMessage', widget.action?.onSuccessMessage],
    ];
    for (const [property, value] of texts) {
      if (typeof value !== 'string' || !value.includes('{{')) continue;
      for (const segment of scanTemplate(value).segments) {
        if (segment.kind !== 'binding') continue;
        const where = `${widget.name}.${property}`;
        const field = property.startsWith('action.')
          ? `widgets.${i}.${property}`
          : `widgets.${i}.props.${property}`;
        if (segment.expression.length > MAX_EXPRESSION_LENGTH)
          throw new HttpError(
            400,
            'page_too_heavy',
            `A binding in ${where} is ${segment.expression.length.toLocaleString('en-US')} characters long; ` +
              `the limit is ${MAX_EXPRESSION_LENGTH.toLocaleString('en-US')}. Shorten it.`,
            field,
          );
        total += segment.end - segment.start;
        if (total > MAX_PAGE_BINDING_CHARS)
          throw new HttpError(
            400,
            'page_too_heavy',
            `The page's bindings come to more than ${MAX_PAGE_BINDING_CHARS.toLocaleString('en-US')} characters ` +
              `of {{ }} text, passed at ${where}: every visitor evaluates them. Move work into queries or remove bindings.`,
            field,
          );
      }
    }
  });
}
