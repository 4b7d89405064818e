import type { Widget, WidgetType } from '../../contract/page';
import { toOptions } from './select-options';
import { displayText } from '../../lib/display-text';

// Each widget type, described once: what a person sets in the property panel (texts may hold
// bindings), what using it leaves in the page's state, and what bindings read of it (Appsmith's
// names) and how. The model, the property panel, the views and the runtime's scope all read this.

interface PropertyBase {
  name: string;
  label: string;
}

/** A property the panel edits, with the value a new widget starts with. */
export type EditableProperty =
  | (PropertyBase & { kind: 'text'; help: string; multiline?: boolean; default: string })
  | (PropertyBase & { kind: 'flag'; default: boolean })
  | (PropertyBase & { kind: 'choice'; choices: readonly number[]; default: number });

export interface ExposedProperty {
  /** The widget's own texts its value is computed from; besides those it reads only its state and flags. */
  reads: readonly string[];
}

/** What using each widget leaves in the page's state: its view writes it, `expose` reads it. */
export interface WidgetStates {
  input: { text: string };
  select: { selectedOptionValue: string };
  datepicker: { selectedDate: string };
  checkbox: { isChecked: boolean };
  text: Record<never, never>;
  button: Record<never, never>;
  table: { selectedRowIndex: number; pageNo: number; searchText: string };
}

/** State as kept: a key may hold anything, so `expose` checks each value it reads. */
export type StoredState<S> = { readonly [K in keyof S]?: unknown };

export interface WidgetDefinition<State extends object = Record<string, unknown>> {
  label: string;
  /** Name prefix: Input1, Select2, ... */
  prefix: string;
  /** Columns (of 12) a new one spans. */
  width: number;
  /** In the property panel's order. */
  properties: readonly EditableProperty[];
  /** Whether it has an onClick action: run a query, then another query, a message, resets. */
  clickAction: boolean;
  /** What bindings read of it, in the order autocomplete offers them. */
  exposed: Readonly<Record<string, ExposedProperty>>;
  /** The exposed values, from what a person did with it and its evaluated texts. */
  expose(
    widget: Widget,
    state: StoredState<State>,
    text: (prop: string) => unknown,
  ): Record<string, unknown>;
}

const labelProperty = (initial: string, help = 'Shown above the field.'): EditableProperty => ({
  name: 'label',
  label: 'Label',
  kind: 'text',
  help,
  default: initial,
});

const isoDate = (iso: string) => (iso.length >= 10 ? iso.slice(0, 10) : '');

export const WIDGET_DEFINITIONS = {
  input: {
    label: 'Input',
    prefix: 'Input',
    width: 6,
    properties: [
      labelProperty('Input'),
      {
        name: 'defaultText',
        label: 'Default text',
        kind: 'text',
        help: 'The text it starts with, and returns to on reset.',
        default: '',
      },
      {
        name: 'placeholder',
        label: 'Placeholder',
        kind: 'text',
        help: 'Shown while the field is empty.',
        default: '',
      },
      { name: 'required', label: 'Required', kind: 'flag', default: false },
    ],
    clickAction: false,
    exposed: { text: { reads: ['defaultText'] }, isValid: { reads: ['defaultText'] } },
    expose(widget, state, text) {
      const value = typeof state.text === 'string' ? state.text : displayText(text('defaultText'));
      return {
        text: value,
        isValid: widget.props.required === true ? value.trim() !== '' : true,
      };
    },
  },
  select: {
    label: 'Select',
    prefix: 'Select',
    width: 6,
    properties: [
      labelProperty('Select'),
      {
        name: 'options',
        label: 'Options',
        kind: 'text',
        multiline: true,
        help: 'One per line as value or value|label, or a binding to an array of strings or {label, value} objects.',
        default: 'canceled',
      },
      {
        name: 'defaultValue',
        label: 'Default value',
        kind: 'text',
        help: 'The value selected at first.',
        default: '',
      },
    ],
    clickAction: false,
    exposed: {
      selectedOptionValue: { reads: ['options', 'defaultValue'] },
      selectedOptionLabel: { reads: ['options', 'defaultValue'] },
      options: { reads: ['options'] },
    },
    expose(_widget, state, text) {
      const options = toOptions(text('options'));
      const value =
        typeof state.selectedOptionValue === 'string'
          ? state.selectedOptionValue
          : displayText(text('defaultValue'));
      const option = options.find((o) => o.value === value);
      return {
        selectedOptionValue: option ? option.value : value,
        selectedOptionLabel: option?.label ?? '',
        options,
      };
    },
  },
  datepicker: {
    label: 'DatePicker',
    prefix: 'DatePicker',
    width: 6,
    properties: [
      labelProperty('Date'),
      {
        name: 'defaultDate',
        label: 'Default date',
        kind: 'text',
        help: 'ISO 8601, e.g. 2030-01-02 or {{minutesFromNow(30)}}.',
        default: '',
      },
      { name: 'withTime', label: 'Pick a time too', kind: 'flag', default: false },
    ],
    clickAction: false,
    exposed: {
      selectedDate: { reads: ['defaultDate'] },
      formattedDate: { reads: ['defaultDate'] },
    },
    expose(_widget, state, text) {
      const raw =
        typeof state.selectedDate === 'string'
          ? state.selectedDate
          : displayText(text('defaultDate'));
      const ms = raw ? Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw) : NaN;
      const selectedDate = Number.isNaN(ms)
        ? ''
        : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { selectedDate, formattedDate: isoDate(selectedDate) };
    },
  },
  checkbox: {
    label: 'Checkbox',
    prefix: 'Checkbox',
    width: 4,
    properties: [
      labelProperty('Checkbox', 'Shown next to the box.'),
      { name: 'defaultChecked', label: 'Checked at first', kind: 'flag', default: false },
    ],
    clickAction: false,
    exposed: { isChecked: { reads: [] } },
    expose(widget, state) {
      return {
        isChecked:
          typeof state.isChecked === 'boolean'
            ? state.isChecked
            : widget.props.defaultChecked === true,
      };
    },
  },
  text: {
    label: 'Text',
    prefix: 'Text',
    width: 12,
    properties: [
      {
        name: 'text',
        label: 'Text',
        kind: 'text',
        multiline: true,
        help: 'Plain text with bindings, e.g. Sent {{SendSms.data.sid}}.',
        default: 'Text',
      },
    ],
    clickAction: false,
    exposed: { text: { reads: ['text'] } },
    expose(_widget, _state, text) {
      return { text: text('text') ?? '' };
    },
  },
  button: {
    label: 'Button',
    prefix: 'Button',
    width: 3,
    properties: [labelProperty('Submit', 'The button text.')],
    clickAction: true,
    exposed: { text: { reads: ['label'] } },
    expose(_widget, _state, text) {
      return { text: text('label') ?? '' };
    },
  },
  table: {
    label: 'Table',
    prefix: 'Table',
    width: 12,
    properties: [
      {
        name: 'label',
        label: 'Title',
        kind: 'text',
        help: 'Shown above the table.',
        default: 'Table',
      },
      {
        name: 'tableData',
        label: 'Table data',
        kind: 'text',
        help: 'A binding to an array of rows, e.g. {{ListMessages.data.messages}}.',
        default: '',
      },
      {
        name: 'pageSize',
        label: 'Rows per page',
        kind: 'choice',
        choices: [5, 10, 25, 50, 100],
        default: 10,
      },
    ],
    clickAction: false,
    exposed: {
      tableData: { reads: ['tableData'] },
      selectedRow: { reads: ['tableData'] },
      selectedRowIndex: { reads: [] },
      pageNo: { reads: [] },
      pageSize: { reads: [] },
      searchText: { reads: [] },
    },
    expose(widget, state, text) {
      const data = text('tableData');
      const tableData: unknown[] = Array.isArray(data) ? data : [];
      const index = typeof state.selectedRowIndex === 'number' ? state.selectedRowIndex : -1;
      return {
        tableData,
        selectedRowIndex: index,
        selectedRow: index >= 0 ? (tableData[index] ?? null) : null,
        pageNo: typeof state.pageNo === 'number' ? state.pageNo : 1,
        pageSize: typeof widget.props.pageSize === 'number' ? widget.props.pageSize : 10,
        searchText: typeof state.searchText === 'string' ? state.searchText : '',
      };
    },
  },
} satisfies { [T in WidgetType]: WidgetDefinition<WidgetStates[T]> };

/** One type's definition, seen through what every type has in common. */
export function widgetDefinition(type: WidgetType): WidgetDefinition {
  return WIDGET_DEFINITIONS[type];
}

/** What bindings read of a widget of this type, in the order autocomplete offers them. */
export function exposedNames(type: WidgetType): string[] {
  return Object.keys(WIDGET_DEFINITIONS[type].exposed);
}

/** The values a widget of type T exposes, as its view reads them. */
export type ExposedOf<T extends WidgetType> = ReturnType<(typeof WIDGET_DEFINITIONS)[T]['expose']>;
