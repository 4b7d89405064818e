import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../lib/api-client';
import { sessionKeys, type SessionState } from '../features/session/api';
import type { ReactNode } from 'react';

// Light and dark follow the system; MUI's colorSchemes switch with prefers-color-scheme.
// Twilio's red, darkened on light paper and lightened on dark so that text in it, and white or
// black text on it, keeps WCAG AA contrast (4.5:1).
const theme = createTheme({
  colorSchemes: {
    light: { palette: { primary: { main: '#d91e36' } } },
    dark: { palette: { primary: { main: '#ff6b7d' } } },
  },
  shape: { borderRadius: 8 },
});

export function createAppQueryClient() {
  // A session that ended (server restart, idle timeout) shows the login screen again; not while the
  // session is being checked or the login is showing (the first requests go out beside the check).
  const onError = (error: Error) => {
    if (!(error instanceof ApiError && error.code === 'login_required')) return;
    const session = client.getQueryState<SessionState>(sessionKeys.current);
    const checking = session?.fetchStatus === 'fetching';
    const loginShown = session?.data?.passwordRequired === true && !session.data.authenticated;
    if (!checking && !loginShown) void client.invalidateQueries({ queryKey: sessionKeys.current });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: false },
      // A mutation may send an SMS: never repeat one on its own.
      mutations: { retry: false },
    },
  });
  return client;
}

export function AppProviders({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <ThemeProvider theme={theme} defaultMode="system">
        <CssBaseline enableColorScheme />
        {children}
      </ThemeProvider>
    </QueryClientProvider>
  );
}
