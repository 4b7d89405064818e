import type { Widget, WidgetType } from '../../contract/page';
import { WIDGET_DEFINITIONS } from './registry';

// Making and reading widgets, by what the registry says of their type.

/** The first free name for a new widget of this type: Input1, Input2, ... */
export function nextWidgetName(type: WidgetType, taken: Iterable<string>): string {
  const used = new Set(Array.from(taken, (n) => n.toLowerCase()));
  const prefix = WIDGET_DEFINITIONS[type].prefix;
  let n = 1;
  while (used.has(`${prefix}${n}`.toLowerCase())) n += 1;
  return `${prefix}${n}`;
}

/** The props a new widget of this type starts with: each property's default. */
export function defaultProps(type: WidgetType): Record<string, string | boolean | number> {
  return Object.fromEntries(WIDGET_DEFINITIONS[type].properties.map((p) => [p.name, p.default]));
}

export function newWidget(type: WidgetType, taken: Iterable<string>): Widget {
  const definition = WIDGET_DEFINITIONS[type];
  return {
    id: `w_${Math.random().toString(36).slice(2, 10)}`,
    type,
    name: nextWidgetName(type, taken),
    width: definition.width,
    props: defaultProps(type),
    ...(definition.clickAction
      ? {
          action: { runQuery: '', onSuccessRunQuery: '', onSuccessMessage: '', onSuccessReset: [] },
        }
      : {}),
  };
}

/** The texts of a widget that bindings may fill, for the dependency graph. */
export function templateProps(widget: Widget): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of WIDGET_DEFINITIONS[widget.type].properties) {
    if (p.kind !== 'text') continue;
    const value = widget.props[p.name];
    out[p.name] = typeof value === 'string' ? value : value == null ? '' : String(value);
  }
  return out;
}
