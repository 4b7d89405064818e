import { Button, Checkbox, FormControlLabel, MenuItem, TextField, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { Widget, WidgetType } from '../../../contract/page';
import type { ExposedOf, WidgetStates } from '../registry';
import { TableWidget } from './table-widget';
import { displayText } from '../../../lib/display-text';

// One widget as a person uses it. What it shows comes from `exposed` (the scope's view of it) and
// its evaluated texts; what the person does goes back through `setState`. Both are typed by the
// registry, so a view reads only what its type exposes and writes only the state its type keeps.

export interface WidgetViewProps {
  widget: Widget;
  exposed: Record<string, unknown>;
  text(prop: string): string;
  setState(patch: Record<string, unknown>): void;
  onClick?(): void;
  busy?: boolean;
  /** A Button that cannot run its query for this person: shown, but not clickable. */
  disabled?: boolean;
  /** A richer view of the table's rows (the message log), when the host has one for them. */
  renderTable?(): ReactNode | null;
}

interface ViewProps<T extends WidgetType> extends Omit<WidgetViewProps, 'exposed' | 'setState'> {
  id: string;
  /** The evaluated label, or the widget's name when that is empty. */
  label: string;
  /** Partial: a property caught in a loop of bindings is not evaluated. */
  exposed: Partial<ExposedOf<T>>;
  setState(patch: Partial<WidgetStates[T]>): void;
}

const str = displayText;

function toLocalInput(iso: string, withTime: boolean): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  if (!withTime) return new Date(ms).toISOString().slice(0, 10);
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const VIEWS: { [T in WidgetType]: (props: ViewProps<T>) => ReactNode } = {
  input: ({ id, label, widget, exposed, text, setState }) => (
    <TextField
      id={id}
      label={label}
      placeholder={text('placeholder')}
      required={widget.props.required === true}
      value={str(exposed.text)}
      onChange={(e) => setState({ text: e.target.value })}
      error={exposed.isValid === false}
      fullWidth
    />
  ),
  select: ({ id, label, exposed, setState }) => {
    const options = exposed.options ?? [];
    return (
      <TextField
        id={id}
        select
        label={label}
        value={
          options.some((o) => o.value === exposed.selectedOptionValue)
            ? str(exposed.selectedOptionValue)
            : ''
        }
        onChange={(e) => setState({ selectedOptionValue: e.target.value })}
        fullWidth
      >
        <MenuItem value="">
          <em>(none)</em>
        </MenuItem>
        {options.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
    );
  },
  datepicker: ({ id, label, widget, exposed, setState }) => {
    const withTime = widget.props.withTime === true;
    return (
      <TextField
        id={id}
        type={withTime ? 'datetime-local' : 'date'}
        label={label}
        value={toLocalInput(str(exposed.selectedDate), withTime)}
        onChange={(e) => {
          const raw = e.target.value;
          const ms = withTime ? Date.parse(raw) : Date.parse(`${raw}T00:00:00Z`);
          setState({ selectedDate: Number.isNaN(ms) ? '' : new Date(ms).toISOString() });
        }}
        slotProps={{ inputLabel: { shrink: true } }}
        fullWidth
      />
    );
  },
  checkbox: ({ id, label, exposed, setState }) => (
    <FormControlLabel
      control={
        <Checkbox
          id={id}
          checked={exposed.isChecked === true}
          onChange={(e) => setState({ isChecked: e.target.checked })}
        />
      }
      label={label}
    />
  ),
  text: ({ id, exposed }) => (
    <Typography id={id} sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {str(exposed.text)}
    </Typography>
  ),
  button: ({ id, label, onClick, busy, disabled }) => (
    <Button
      id={id}
      variant="contained"
      onClick={onClick}
      loading={busy}
      disabled={busy || disabled}
      fullWidth
    >
      {label}
    </Button>
  ),
  table: ({ label, exposed, setState, renderTable }) =>
    renderTable?.() || (
      <TableWidget
        label={label}
        rows={exposed.tableData ?? []}
        pageNo={Number(exposed.pageNo) || 1}
        pageSize={Number(exposed.pageSize) || 10}
        searchText={str(exposed.searchText)}
        selectedRowIndex={
          typeof exposed.selectedRowIndex === 'number' ? exposed.selectedRowIndex : -1
        }
        onChange={setState}
      />
    ),
};

export function WidgetView(props: WidgetViewProps) {
  const { widget, text } = props;
  // The scope holds what this type's `expose` returned, and the host passes the state on as set.
  const View = VIEWS[widget.type] as (props: ViewProps<WidgetType>) => ReactNode;
  return <View {...props} id={`widget-${widget.id}`} label={text('label') || widget.name} />;
}
