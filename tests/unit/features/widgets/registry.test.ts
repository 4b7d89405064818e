import { describe, expect, it } from 'vitest';
import { WIDGET_TYPES, type Widget } from '../../../../src/contract/page';
import { newWidget } from '../../../../src/features/widgets/model';
import {
  exposedNames,
  widgetDefinition,
  WIDGET_DEFINITIONS,
} from '../../../../src/features/widgets/registry';

// The registry describes each widget type once; these check it agrees with itself.

const input = (props: Widget['props']): Widget => ({ ...newWidget('input', []), props });

describe('WIDGET_DEFINITIONS', () => {
  it.each(WIDGET_TYPES)('a %s exposes exactly the values it lists for bindings', (type) => {
    const values = widgetDefinition(type).expose(newWidget(type, []), {}, () => undefined);
    expect(Object.keys(values).sort()).toEqual([...exposedNames(type)].sort());
  });

  it.each(WIDGET_TYPES)('each value a %s exposes reads only texts it has', (type) => {
    const texts = WIDGET_DEFINITIONS[type].properties
      .filter((p) => p.kind === 'text')
      .map((p) => p.name);
    for (const { reads } of Object.values(WIDGET_DEFINITIONS[type].exposed))
      for (const name of reads) expect(texts).toContain(name);
  });

  it.each(WIDGET_TYPES)('a %s has each property once, with a default of its kind', (type) => {
    const { properties } = WIDGET_DEFINITIONS[type];
    expect(new Set(properties.map((p) => p.name)).size).toBe(properties.length);
    for (const p of properties) {
      const expected = p.kind === 'text' ? 'string' : p.kind === 'flag' ? 'boolean' : 'number';
      expect(typeof p.default).toBe(expected);
    }
  });

  it('prefers the state a person set over the evaluated texts', () => {
    const { expose } = widgetDefinition('input');
    const w = input({ defaultText: 'x', required: true });
    expect(expose(w, { text: '' }, () => 'evaluated')).toEqual({ text: '', isValid: false });
    expect(expose(w, {}, (prop) => (prop === 'defaultText' ? 'from default' : undefined))).toEqual({
      text: 'from default',
      isValid: true,
    });
  });

  it('ignores state of the wrong kind', () => {
    const w = input({ defaultText: 'x' });
    expect(widgetDefinition('input').expose(w, { text: 42 }, () => 'from default').text).toBe(
      'from default',
    );
    const table = newWidget('table', []);
    expect(
      widgetDefinition('table').expose(table, { selectedRowIndex: '1', pageNo: null }, () => [
        1, 2,
      ]),
    ).toMatchObject({ selectedRowIndex: -1, selectedRow: null, pageNo: 1 });
  });
});
