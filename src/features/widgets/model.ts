import type { Widget, WidgetType } from '../../contract/page';

// What each widget type is made of: the properties a person sets (texts may hold bindings), the
// state a person changes by using it, and the properties bindings read (Appsmith's names).

export interface WidgetTypeInfo {
  label: string;
  /** Name prefix: Input1, Select2, ... */
  prefix: string;
  width: number;
  defaults: Record<string, string | boolean | number>;
  /** Properties edited as text with bindings, in the property panel's order. */
  templates: { name: string; label: string; help: string }[];
  /** Plain switches. */
  flags: { name: string; label: string }[];
  /** What bindings can read, for autocomplete. */
  exposes: string[];
}

export const WIDGET_TYPES_INFO: Record<WidgetType, WidgetTypeInfo> = {
  input: {
    label: 'Input',
    prefix: 'Input',
    width: 6,
    defaults: { label: 'Input', defaultText: '', placeholder: '', required: false },
    templates: [
      { name: 'label', label: 'Label', help: 'Shown above the field.' },
      {
        name: 'defaultText',
        label: 'Default text',
        help: 'The text it starts with, and returns to on reset.',
      },
      { name: 'placeholder', label: 'Placeholder', help: 'Shown while the field is empty.' },
    ],
    flags: [{ name: 'required', label: 'Required' }],
    exposes: ['text', 'isValid'],
  },
  select: {
    label: 'Select',
    prefix: 'Select',
    width: 6,
    defaults: { label: 'Select', options: 'canceled', defaultValue: '' },
    templates: [
      { name: 'label', label: 'Label', help: 'Shown above the field.' },
      {
        name: 'options',
        label: 'Options',
        help: 'One per line as value or value|label, or a binding to an array of strings or {label, value} objects.',
      },
      { name: 'defaultValue', label: 'Default value', help: 'The value selected at first.' },
    ],
    flags: [],
    exposes: ['selectedOptionValue', 'selectedOptionLabel'],
  },
  datepicker: {
    label: 'DatePicker',
    prefix: 'DatePicker',
    width: 6,
    defaults: { label: 'Date', defaultDate: '', withTime: false },
    templates: [
      { name: 'label', label: 'Label', help: 'Shown above the field.' },
      {
        name: 'defaultDate',
        label: 'Default date',
        help: 'ISO 8601, e.g. 2030-01-02 or {{minutesFromNow(30)}}.',
      },
    ],
    flags: [{ name: 'withTime', label: 'Pick a time too' }],
    exposes: ['selectedDate', 'formattedDate'],
  },
  checkbox: {
    label: 'Checkbox',
    prefix: 'Checkbox',
    width: 4,
    defaults: { label: 'Checkbox', defaultChecked: false },
    templates: [{ name: 'label', label: 'Label', help: 'Shown next to the box.' }],
    flags: [{ name: 'defaultChecked', label: 'Checked at first' }],
    exposes: ['isChecked'],
  },
  text: {
    label: 'Text',
    prefix: 'Text',
    width: 12,
    defaults: { text: 'Text' },
    templates: [
      {
        name: 'text',
        label: 'Text',
        help: 'Plain text with bindings, e.g. Sent {{SendSms.data.sid}}.',
      },
    ],
    flags: [],
    exposes: ['text'],
  },
  button: {
    label: 'Button',
    prefix: 'Button',
    width: 3,
    defaults: { label: 'Submit' },
    templates: [{ name: 'label', label: 'Label', help: 'The button text.' }],
    flags: [],
    exposes: ['text'],
  },
  table: {
    label: 'Table',
    prefix: 'Table',
    width: 12,
    defaults: { label: 'Table', tableData: '', pageSize: 10 },
    templates: [
      { name: 'label', label: 'Title', help: 'Shown above the table.' },
      {
        name: 'tableData',
        label: 'Table data',
        help: 'A binding to an array of rows, e.g. {{ListMessages.data.messages}}.',
      },
    ],
    flags: [],
    exposes: ['tableData', 'selectedRow', 'selectedRowIndex', 'pageNo', 'pageSize', 'searchText'],
  },
};

/** The first free name for a new widget of this type: Input1, Input2, ... */
export function nextWidgetName(type: WidgetType, taken: Iterable<string>): string {
  const used = new Set(Array.from(taken, (n) => n.toLowerCase()));
  const prefix = WIDGET_TYPES_INFO[type].prefix;
  let n = 1;
  while (used.has(`${prefix}${n}`.toLowerCase())) n += 1;
  return `${prefix}${n}`;
}

export function newWidget(type: WidgetType, taken: Iterable<string>): Widget {
  const info = WIDGET_TYPES_INFO[type];
  return {
    id: `w_${Math.random().toString(36).slice(2, 10)}`,
    type,
    name: nextWidgetName(type, taken),
    width: info.width,
    props: { ...info.defaults },
    ...(type === 'button'
      ? {
          action: { runQuery: '', onSuccessRunQuery: '', onSuccessMessage: '', onSuccessReset: [] },
        }
      : {}),
  };
}

/** The texts of a widget that bindings may fill, for the dependency graph. */
export function templateProps(widget: Widget): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of WIDGET_TYPES_INFO[widget.type].templates) {
    const value = widget.props[t.name];
    out[t.name] = typeof value === 'string' ? value : value == null ? '' : String(value);
  }
  return out;
}

export interface SelectOption {
  value: string;
  label: string;
}

/** Options from an evaluated value: lines of text (value|label), or an array of strings or objects. */
export function toOptions(value: unknown): SelectOption[] {
  if (Array.isArray(value)) {
    return value.slice(0, 1000).map((item) => {
      if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        const v = String(o.value ?? o.label ?? '');
        return { value: v, label: String(o.label ?? v) };
      }
      return { value: String(item), label: String(item) };
    });
  }
  if (typeof value !== 'string') return [];
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [v, label] = line.split('|');
      return { value: v!.trim(), label: (label ?? v!).trim() };
    });
}
