import { z } from 'zod';
import { reachableName } from './names';
import type { Versioned } from './versions';

// The page of widgets a person builds: saved on the server as one document (GET|PUT /api/page).
// Widget properties are texts that may hold {{ }} bindings, or plain flags and numbers.

export const WIDGET_TYPES = [
  'input',
  'select',
  'datepicker',
  'checkbox',
  'text',
  'button',
  'table',
] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

export const WIDGET_NAME_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export const widgetNameSchema = reachableName(
  z
    .string()
    .min(1, 'Name is required')
    .max(64, 'Name must be 64 characters or fewer')
    .regex(
      WIDGET_NAME_PATTERN,
      'Name must start with a letter or _ and hold only letters, digits and _',
    ),
);

/** What a Button does when clicked; every step is optional but the first. */
export const buttonActionSchema = z.strictObject({
  runQuery: z.string().max(64).default(''),
  onSuccessRunQuery: z.string().max(64).default(''),
  onSuccessMessage: z.string().max(500).default(''),
  onSuccessReset: z.array(z.string().max(64)).max(50).default([]),
});
export type ButtonAction = z.infer<typeof buttonActionSchema>;

const propValue = z.union([z.string().max(10_000), z.boolean(), z.number(), z.null()]);

export const widgetSchema = z.strictObject({
  id: z.string().min(1).max(64),
  type: z.enum(WIDGET_TYPES),
  name: widgetNameSchema,
  /** Grid placement: column span out of 12, in reading order. */
  width: z.number().int().min(1).max(12).default(6),
  props: z.record(z.string().max(64), propValue).default({}),
  action: buttonActionSchema.optional(),
});
export type Widget = z.infer<typeof widgetSchema>;

export const pageSchema = z
  .strictObject({
    widgets: z.array(widgetSchema).max(200, 'A page holds at most 200 widgets'),
  })
  .superRefine((page, ctx) => {
    const seen = new Set<string>();
    page.widgets.forEach((w, i) => {
      const key = w.name.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['widgets', i, 'name'],
          message: `Two widgets are named ${w.name}; names must be unique`,
        });
      seen.add(key);
    });
  });
export type PageDoc = z.infer<typeof pageSchema>;

/** GET /api/page. A page never saved reads as version 0 with no widgets. */
export interface SavedPage extends PageDoc, Versioned {
  updatedAt: string | null;
}

/** What the server sets on a saved page; a PUT may send them back (a GET→PUT round trip) and they are ignored. */
const SERVER_SET_PAGE_FIELDS = ['version', 'updatedAt', 'updatedBy'];

/** PUT /api/page: the page as GET answers it, or just its widgets. */
export const pagePutSchema = z.preprocess(
  (body) =>
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? Object.fromEntries(
          Object.entries(body).filter(([key]) => !SERVER_SET_PAGE_FIELDS.includes(key)),
        )
      : body,
  pageSchema,
);
