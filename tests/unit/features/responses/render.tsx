import { ThemeProvider, createTheme } from '@mui/material';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import type { ExecuteResult } from '../../../../src/contract/queries';

/** Renders inside an MUI theme; a wrapper, so `rerender` keeps the theme and the component's state. */
export function renderWithTheme(ui: ReactElement, mode: 'light' | 'dark' = 'light') {
  const theme = createTheme({ palette: { mode } });
  return render(ui, {
    wrapper: ({ children }: { children: ReactNode }) => (
      <ThemeProvider theme={theme}>{children}</ThemeProvider>
    ),
  });
}

/** The Table tab's content, which the app makes the message log: here, what it was handed. */
export function renderTable(result: ExecuteResult) {
  const messages = (result.data as { messages?: unknown[] } | null)?.messages ?? [];
  return <p>The app&apos;s table of {messages.length} messages</p>;
}
