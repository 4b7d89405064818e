import {
  Alert,
  Box,
  Button,
  Menu,
  MenuItem,
  Paper,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { BindingPreview } from '../../../components/binding-field';
import { WIDGET_TYPES, type Widget } from '../../../contract/page';
import { newWidget } from '../model';
import { WIDGET_DEFINITIONS } from '../registry';
import { renameInTemplate } from '../rename';
import { PropertyPanel } from './property-panel';
import { WidgetGrid, type WidgetHost } from './widget-grid';

export type { WidgetHost };

// The page: widgets on a 12-column grid in reading order. In Edit mode a click selects a widget
// and the panel on the right edits it; in View mode the widgets work.

export interface PageEditorProps {
  widgets: Widget[];
  onChange(widgets: Widget[]): void;
  mode: 'edit' | 'view';
  onModeChange(mode: 'edit' | 'view'): void;
  host: WidgetHost;
  queryNames: string[];
  suggestions: Record<string, string[]>;
  evaluate(text: string): BindingPreview;
  /** Rename in what lives outside the page (saved queries). */
  onRenameOutside(from: string, to: string): void;
  cycles: string[];
  /** Shown beside the Edit/View switch: what the app offers from here ("Open app"). */
  actions?: ReactNode;
  /** Shown under the heading: what the page's saving needs the person to know. */
  banner?: ReactNode;
}

export function renameWidgetIn(widgets: Widget[], from: string, to: string): Widget[] {
  return widgets.map((w) => ({
    ...w,
    name: w.name === from ? to : w.name,
    props: Object.fromEntries(
      Object.entries(w.props).map(([k, v]) => [
        k,
        typeof v === 'string' ? renameInTemplate(v, from, to) : v,
      ]),
    ),
    ...(w.action
      ? {
          action: {
            ...w.action,
            onSuccessMessage: renameInTemplate(w.action.onSuccessMessage, from, to),
            onSuccessReset: w.action.onSuccessReset.map((n) => (n === from ? to : n)),
          },
        }
      : {}),
  }));
}

export function PageEditor(props: PageEditorProps) {
  const { widgets, onChange, mode, host } = props;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const selected = mode === 'edit' ? widgets.find((w) => w.id === selectedId) : undefined;
  const names = widgets.map((w) => w.name);

  const add = (type: (typeof WIDGET_TYPES)[number]) => {
    const widget = newWidget(type, [...names, ...props.queryNames]);
    onChange([...widgets, widget]);
    setSelectedId(widget.id);
    setMenu(null);
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          Page
        </Typography>
        {mode === 'edit' && (
          <>
            <Button
              variant="outlined"
              onClick={(e) => setMenu(e.currentTarget)}
              aria-haspopup="menu"
              aria-controls={menu ? 'add-widget-menu' : undefined}
            >
              Add widget
            </Button>
            <Menu
              id="add-widget-menu"
              anchorEl={menu}
              open={menu !== null}
              onClose={() => setMenu(null)}
            >
              {WIDGET_TYPES.map((t) => (
                <MenuItem key={t} onClick={() => add(t)}>
                  {WIDGET_DEFINITIONS[t].label}
                </MenuItem>
              ))}
            </Menu>
          </>
        )}
        {props.actions}
        <ToggleButtonGroup
          exclusive
          size="small"
          value={mode}
          onChange={(_e, m) => m && props.onModeChange(m)}
          aria-label="Page mode"
        >
          <ToggleButton value="edit">Edit</ToggleButton>
          <ToggleButton value="view">View</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      {props.banner}
      {props.cycles.map((c) => (
        <Alert key={c} severity="error">
          These bindings read each other in a loop and are not evaluated: {c}
        </Alert>
      ))}
      {widgets.length === 0 && (
        <Alert severity="info">
          The page is empty.{' '}
          {mode === 'edit'
            ? 'Use "Add widget" to place inputs, buttons and tables.'
            : 'Switch to Edit to add widgets.'}
        </Alert>
      )}
      <Box
        sx={{
          display: 'grid',
          gap: 3,
          gridTemplateColumns: selected ? { xs: '1fr', md: 'minmax(0, 1fr) 340px' } : '1fr',
          alignItems: 'start',
        }}
      >
        <WidgetGrid
          widgets={widgets}
          host={host}
          editing={mode === 'edit'}
          selectedId={selectedId}
          onSelect={setSelectedId}
        />
        {selected && (
          <Paper variant="outlined" sx={{ p: 2 }}>
            <PropertyPanel
              widget={selected}
              takenNames={[...names, ...props.queryNames]}
              queryNames={props.queryNames}
              widgetNames={names}
              suggestions={props.suggestions}
              evaluate={props.evaluate}
              onChange={(next) => onChange(widgets.map((w) => (w.id === next.id ? next : w)))}
              onRename={(from, to) => {
                onChange(renameWidgetIn(widgets, from, to));
                props.onRenameOutside(from, to);
              }}
              onDelete={() => {
                onChange(widgets.filter((w) => w.id !== selected.id));
                setSelectedId(null);
              }}
            />
          </Paper>
        )}
      </Box>
    </Stack>
  );
}
