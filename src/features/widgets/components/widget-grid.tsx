import { Box, Button, Paper, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { Widget } from '../../../contract/page';
import { WidgetView } from './widget-view';

// The widgets on a 12-column grid in reading order, as the page editor and the published app show
// them. While editing, a click selects a widget instead of using it.

export interface WidgetHost {
  exposed(name: string): Record<string, unknown>;
  text(widget: Widget, prop: string): string;
  errors(widget: Widget): string[];
  setState(name: string, patch: Record<string, unknown>): void;
  click(widget: Widget): void;
  busy(widget: Widget): boolean;
  /** Why this widget's Button cannot be used by this person, if it cannot. */
  disabled?(widget: Widget): string | undefined;
  renderTable?(widget: Widget): ReactNode | null;
}

export interface WidgetGridProps {
  widgets: Widget[];
  host: WidgetHost;
  /** Selecting rather than using: each widget shows its name and a dashed border. */
  editing?: boolean;
  selectedId?: string | null;
  onSelect?(id: string): void;
}

export function WidgetGrid({
  widgets,
  host,
  editing = false,
  selectedId = null,
  onSelect,
}: WidgetGridProps) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(12, minmax(0, 1fr))', gap: 2 }}>
      {widgets.map((w) => {
        const errors = host.errors(w);
        const disabled = editing ? undefined : host.disabled?.(w);
        return (
          <Paper
            key={w.id}
            variant="outlined"
            sx={{
              gridColumn: { xs: 'span 12', sm: `span ${w.width}` },
              p: 1.5,
              position: 'relative',
              outline: editing && w.id === selectedId ? 2 : 0,
              outlineColor: 'primary.main',
              borderStyle: editing ? 'dashed' : 'solid',
            }}
            onClickCapture={(e) => {
              if (!editing) return;
              e.stopPropagation();
              onSelect?.(w.id);
            }}
          >
            {editing && (
              <Button
                size="small"
                onClick={() => onSelect?.(w.id)}
                sx={{
                  position: 'absolute',
                  top: -12,
                  left: 8,
                  py: 0,
                  minWidth: 0,
                  bgcolor: 'background.paper',
                }}
              >
                {w.name}
              </Button>
            )}
            <Box
              sx={{ pointerEvents: editing ? 'none' : 'auto' }}
              aria-hidden={editing || undefined}
            >
              <WidgetView
                widget={w}
                exposed={host.exposed(w.name)}
                text={(prop) => host.text(w, prop)}
                setState={(patch) => host.setState(w.name, patch)}
                onClick={() => host.click(w)}
                busy={host.busy(w)}
                disabled={disabled !== undefined}
                renderTable={host.renderTable ? () => host.renderTable!(w) : undefined}
              />
            </Box>
            {disabled && (
              <Typography variant="caption" color="text.secondary" component="p">
                {disabled}
              </Typography>
            )}
            {errors.map((message) => (
              <Typography key={message} variant="caption" color="error" component="p">
                {message}
              </Typography>
            ))}
          </Paper>
        );
      })}
    </Box>
  );
}
