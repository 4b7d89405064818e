import { describe, expect, it } from 'vitest';
import { WIDGET_TYPES, widgetSchema } from '../../../../src/contract/page';
import {
  defaultProps,
  newWidget,
  nextWidgetName,
  templateProps,
} from '../../../../src/features/widgets/model';
import { WIDGET_DEFINITIONS } from '../../../../src/features/widgets/registry';
import { toOptions } from '../../../../src/features/widgets/select-options';

describe('nextWidgetName', () => {
  it('starts each type at 1', () => {
    expect(nextWidgetName('input', [])).toBe('Input1');
    expect(nextWidgetName('select', [])).toBe('Select1');
    expect(nextWidgetName('datepicker', [])).toBe('DatePicker1');
    expect(nextWidgetName('checkbox', [])).toBe('Checkbox1');
    expect(nextWidgetName('text', [])).toBe('Text1');
    expect(nextWidgetName('button', [])).toBe('Button1');
    expect(nextWidgetName('table', [])).toBe('Table1');
  });

  it('takes the first free number, filling gaps', () => {
    expect(nextWidgetName('input', ['Input1', 'Input2'])).toBe('Input3');
    expect(nextWidgetName('input', ['Input1', 'Input3'])).toBe('Input2');
    expect(nextWidgetName('input', ['Select1', 'Input10'])).toBe('Input1');
  });

  it('treats names case-insensitively, as the page schema does', () => {
    expect(nextWidgetName('input', ['input1', 'INPUT2'])).toBe('Input3');
  });

  it('avoids query names too (any iterable of taken names)', () => {
    expect(nextWidgetName('table', new Set(['Table1', 'table2']))).toBe('Table3');
  });
});

describe('newWidget', () => {
  it.each(WIDGET_TYPES)('makes a valid %s with its defaults', (type) => {
    const w = newWidget(type, []);
    expect(widgetSchema.safeParse(w).success).toBe(true);
    expect(w.type).toBe(type);
    expect(w.name).toBe(`${WIDGET_DEFINITIONS[type].prefix}1`);
    expect(w.props).toEqual(defaultProps(type));
    expect(w.width).toBe(WIDGET_DEFINITIONS[type].width);
  });

  it('gives only a Button an (empty) onClick action', () => {
    expect(newWidget('button', []).action).toEqual({
      runQuery: '',
      onSuccessRunQuery: '',
      onSuccessMessage: '',
      onSuccessReset: [],
    });
    expect(newWidget('input', []).action).toBeUndefined();
  });

  it('gives each widget its own id and props object', () => {
    const a = newWidget('input', []);
    const b = newWidget('input', [a.name]);
    expect(a.id).not.toBe(b.id);
    expect(b.name).toBe('Input2');
    a.props.label = 'changed';
    expect(b.props.label).toBe('Input');
    expect(defaultProps('input').label).toBe('Input');
  });
});

describe('templateProps', () => {
  it('gives the texts bindings may fill, as strings, and no flags', () => {
    const w = {
      ...newWidget('input', []),
      props: { label: 'To {{1+1}}', defaultText: 42, placeholder: null, required: true },
    };
    expect(templateProps(w)).toEqual({ label: 'To {{1+1}}', defaultText: '42', placeholder: '' });
  });

  it('gives a Table its title and data, not its page size', () => {
    const w = {
      ...newWidget('table', []),
      props: { label: 'Log', tableData: '{{Q.data.messages}}', pageSize: 25 },
    };
    expect(templateProps(w)).toEqual({ label: 'Log', tableData: '{{Q.data.messages}}' });
  });
});

describe('toOptions', () => {
  it('reads one option a line, value or value|label, trimmed, skipping blank lines', () => {
    expect(toOptions('queued\n  sent | Sent  \n\ncanceled|Canceled\n')).toEqual([
      { value: 'queued', label: 'queued' },
      { value: 'sent', label: 'Sent' },
      { value: 'canceled', label: 'Canceled' },
    ]);
  });

  it('reads an array of strings or numbers', () => {
    expect(toOptions(['a', 2])).toEqual([
      { value: 'a', label: 'a' },
      { value: '2', label: '2' },
    ]);
  });

  it('reads an array of {label, value} objects, each falling back to the other', () => {
    expect(
      toOptions([{ label: 'First', value: 'one' }, { value: 'two' }, { label: 'Three' }, {}]),
    ).toEqual([
      { value: 'one', label: 'First' },
      { value: 'two', label: 'two' },
      { value: 'Three', label: 'Three' },
      { value: '', label: '' },
    ]);
  });

  it('gives no options for values that are not text or arrays', () => {
    expect(toOptions(undefined)).toEqual([]);
    expect(toOptions(null)).toEqual([]);
    expect(toOptions(7)).toEqual([]);
    expect(toOptions({ value: 'x' })).toEqual([]);
    expect(toOptions('')).toEqual([]);
  });

  it('caps a bound array at 1000 options', () => {
    expect(toOptions(Array.from({ length: 5000 }, (_, i) => i))).toHaveLength(1000);
  });
});
