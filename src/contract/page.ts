import { z } from 'zod';
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

export const widgetNameSchema = z
  .string()
  .min(1, 'Name is required')
  .max(64, 'Name must be 64 characters or fewer')
  .regex(
    WIDGET_NAME_PATTERN,
    'Name must start with a letter or _ and hold only letters, digits and _',
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
    // What GET answers beside the widgets, accepted and ignored so that GET -> PUT round-trips:
    // the If-Match header, not the body, says which version a write builds on.
    version: z.number().optional(),
    updatedAt: z.string().nullable().optional(),
    updatedBy: z.string().nullable().optional(),
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

export interface SavedPage extends Versioned {
  widgets: Widget[];
  updatedAt: string | null;
}
