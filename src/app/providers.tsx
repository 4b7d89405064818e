import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { SessionInfo } from '../contract/accounts';
import { ApiError } from '../lib/api-client';
import { isSignInNeeded, sessionKeys } from '../features/session/api';
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
  // A session that ended (idle timeout, sign-out elsewhere, a disabled account) or an instance that
  // needs its first account: checking the session again lets the shell send the person to /sign-in
  // or /setup. Not while the session is being checked, nor once it says nobody is signed in (the
  // requests made just before that answer arrive afterwards). A 403 may mean that an admin changed
  // this person's role since the session was read: the screen then offers what the new role may do.
  const onError = (error: Error) => {
    const refused = error instanceof ApiError && error.status === 403 && error.code === 'forbidden';
    if (!isSignInNeeded(error) && !refused) return;
    const session = client.getQueryState<SessionInfo>(sessionKeys.current);
    const checking = session?.fetchStatus === 'fetching';
    const signedOut = session?.data !== undefined && session.data.user === null;
    if (!checking && !signedOut) void client.invalidateQueries({ queryKey: sessionKeys.current });
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
