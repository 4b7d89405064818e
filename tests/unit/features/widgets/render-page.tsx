import { ThemeProvider } from '@mui/material';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useMemo, useState } from 'react';
import { vi } from 'vitest';
import {
  computePageScope,
  type QueryRuntime,
  type WidgetState,
} from '../../../../src/app/runtime/widget-scope';
import { evaluateTemplate } from '../../../../src/bindings';
import type { Widget } from '../../../../src/contract/page';
import { PageEditor, type WidgetHost } from '../../../../src/features/widgets/components/page-editor';
import { defaultProps } from '../../../../src/features/widgets/model';
import { exposedNames, WIDGET_DEFINITIONS } from '../../../../src/features/widgets/registry';
import { createQuietTheme } from '../../../helpers/quiet-theme';

// The page editor as the app composes it (src/app/pages/page-page.tsx), without the server: the
// widgets live in React state, bindings are evaluated by the real engine over the real page
// scope, and what the host is asked to do (click a Button) is recorded.

export const QUERY_NAMES = ['SendSms', 'ListMessages'];

export interface PageSpy {
  /** The widgets after every change the editor made, latest last. */
  changes: Widget[][];
  latest(): Widget[];
  click: ReturnType<typeof vi.fn<(w: Widget) => void>>;
  renamedOutside: ReturnType<typeof vi.fn<(from: string, to: string) => void>>;
  state(): WidgetState;
}

export function renderPage(
  initial: Widget[] = [],
  options: { mode?: 'edit' | 'view'; queries?: Record<string, QueryRuntime> } = {},
) {
  const spy: PageSpy = {
    changes: [],
    latest: () => spy.changes[spy.changes.length - 1] ?? initial,
    click: vi.fn(),
    renamedOutside: vi.fn(),
    state: () => currentState,
  };
  let currentState: WidgetState = {};
  const queries =
    options.queries ??
    Object.fromEntries(
      QUERY_NAMES.map((n) => [
        n,
        { data: null, isLoading: false, error: null, responseMeta: null },
      ]),
    );

  function Harness() {
    const [widgets, setWidgets] = useState<Widget[]>(initial);
    const [mode, setMode] = useState<'edit' | 'view'>(options.mode ?? 'edit');
    const [state, setState] = useState<WidgetState>({});
    currentState = state;
    const page = useMemo(() => computePageScope(widgets, state, queries), [widgets, state]);
    const suggestions = useMemo(() => {
      const out: Record<string, string[]> = {};
      for (const w of widgets) out[w.name] = exposedNames(w.type);
      for (const q of QUERY_NAMES) out[q] = ['data', 'isLoading', 'error', 'responseMeta'];
      return out;
    }, [widgets]);
    const host: WidgetHost = {
      exposed: (name) => (page.scope[name] as Record<string, unknown>) ?? {},
      text: (w, prop) => {
        const v = page.values.get(`${w.name}.${prop}`);
        return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
      },
      errors: (w) =>
        Object.keys(w.props).flatMap((prop) =>
          (page.errors.get(`${w.name}.${prop}`) ?? []).map((e) => `${prop}: ${e.message}`),
        ),
      setState: (name, patch) =>
        setState((prev) => ({ ...prev, [name]: { ...prev[name], ...patch } })),
      click: spy.click,
      busy: () => false,
    };
    return (
      <PageEditor
        widgets={widgets}
        onChange={(next) => {
          spy.changes.push(next);
          setWidgets(next);
        }}
        mode={mode}
        onModeChange={setMode}
        host={host}
        queryNames={QUERY_NAMES}
        suggestions={suggestions}
        evaluate={(text) => evaluateTemplate(text, page.scope)}
        onRenameOutside={spy.renamedOutside}
        cycles={page.cycles.map((c) => c.path.join(' -> '))}
      />
    );
  }

  const user = userEvent.setup();
  const result = render(
    <ThemeProvider theme={theme}>
      <Harness />
    </ThemeProvider>,
  );
  return { user, spy, ...result };
}

const theme = createQuietTheme();

let seq = 0;
/** A widget as saved, with its type's defaults under the given props. */
export function widget(
  type: Widget['type'],
  name: string,
  props: Widget['props'] = {},
  extra: Partial<Widget> = {},
): Widget {
  seq += 1;
  return {
    id: `w_test${seq}`,
    type,
    name,
    width: WIDGET_DEFINITIONS[type].width,
    props: { ...defaultProps(type), ...props },
    ...(type === 'button'
      ? {
          action: { runQuery: '', onSuccessRunQuery: '', onSuccessMessage: '', onSuccessReset: [] },
        }
      : {}),
    ...extra,
  };
}
