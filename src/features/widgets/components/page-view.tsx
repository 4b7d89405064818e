import { Alert, Stack } from '@mui/material';
import type { Widget } from '../../../contract/page';
import { WidgetGrid, type WidgetHost } from './widget-grid';

/** The page as its users see it (the published app): the widgets at work, nothing to edit. */
export function PageView({
  widgets,
  host,
  cycles,
  empty,
}: {
  widgets: Widget[];
  host: WidgetHost;
  /** Bindings that read each other in a loop, which are not evaluated. */
  cycles: string[];
  /** What to say when there is no widget. */
  empty: string;
}) {
  return (
    <Stack spacing={2}>
      {cycles.map((c) => (
        <Alert key={c} severity="error">
          These bindings read each other in a loop and are not evaluated: {c}
        </Alert>
      ))}
      {widgets.length === 0 && <Alert severity="info">{empty}</Alert>}
      <WidgetGrid widgets={widgets} host={host} />
    </Stack>
  );
}
