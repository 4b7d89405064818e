import { Button, Checkbox, FormControlLabel, MenuItem, TextField, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { Widget } from '../../../contract/page';
import type { SelectOption } from '../model';
import { TableWidget } from './table-widget';

// One widget as a person uses it. What it shows comes from `exposed` (the scope's view of it) and
// its evaluated texts; what the person does goes back through `setState`.

export interface WidgetViewProps {
  widget: Widget;
  exposed: Record<string, unknown>;
  text(prop: string): string;
  setState(patch: Record<string, unknown>): void;
  onClick?(): void;
  busy?: boolean;
  /** A richer view of the table's rows (the message log), when the host has one for them. */
  renderTable?(): ReactNode | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));

function toLocalInput(iso: string, withTime: boolean): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  if (!withTime) return new Date(ms).toISOString().slice(0, 10);
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function WidgetView({
  widget,
  exposed,
  text,
  setState,
  onClick,
  busy,
  renderTable,
}: WidgetViewProps) {
  const id = `widget-${widget.id}`;
  switch (widget.type) {
    case 'input':
      return (
        <TextField
          id={id}
          label={text('label') || widget.name}
          placeholder={text('placeholder')}
          required={widget.props.required === true}
          value={str(exposed.text)}
          onChange={(e) => setState({ text: e.target.value })}
          error={exposed.isValid === false}
          fullWidth
        />
      );
    case 'select': {
      const options = (exposed.options as SelectOption[] | undefined) ?? [];
      return (
        <TextField
          id={id}
          select
          label={text('label') || widget.name}
          value={
            options.some((o) => o.value === exposed.selectedOptionValue)
              ? str(exposed.selectedOptionValue)
              : ''
          }
          onChange={(e) => {
            const option = options.find((o) => o.value === e.target.value);
            setState({
              selectedOptionValue: e.target.value,
              selectedOptionLabel: option?.label ?? '',
            });
          }}
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
    }
    case 'datepicker': {
      const withTime = widget.props.withTime === true;
      return (
        <TextField
          id={id}
          type={withTime ? 'datetime-local' : 'date'}
          label={text('label') || widget.name}
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
    }
    case 'checkbox':
      return (
        <FormControlLabel
          control={
            <Checkbox
              id={id}
              checked={exposed.isChecked === true}
              onChange={(e) => setState({ isChecked: e.target.checked })}
            />
          }
          label={text('label') || widget.name}
        />
      );
    case 'text':
      return (
        <Typography id={id} sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {str(exposed.text)}
        </Typography>
      );
    case 'button':
      return (
        <Button
          id={id}
          variant="contained"
          onClick={onClick}
          loading={busy}
          disabled={busy}
          fullWidth
        >
          {text('label') || widget.name}
        </Button>
      );
    case 'table': {
      const rich = renderTable?.();
      if (rich) return rich;
      return (
        <TableWidget
          label={text('label') || widget.name}
          rows={(exposed.tableData as unknown[]) ?? []}
          pageNo={Number(exposed.pageNo) || 1}
          pageSize={Number(exposed.pageSize) || 10}
          searchText={str(exposed.searchText)}
          selectedRowIndex={
            typeof exposed.selectedRowIndex === 'number' ? exposed.selectedRowIndex : -1
          }
          onChange={setState}
        />
      );
    }
  }
}
