import { ThemeProvider, createTheme } from '@mui/material';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';

/** Renders inside an MUI theme; a wrapper, so `rerender` keeps the theme and the component's state. */
export function renderWithTheme(ui: ReactElement, mode: 'light' | 'dark' = 'light') {
  const theme = createTheme({ palette: { mode } });
  return render(ui, {
    wrapper: ({ children }: { children: ReactNode }) => (
      <ThemeProvider theme={theme}>{children}</ThemeProvider>
    ),
  });
}
