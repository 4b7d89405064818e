import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { AppProviders, createAppQueryClient } from './app/providers';
import { RouterProvider } from '@tanstack/react-router';
import { prefetchRoute } from './app/prefetch';
import { createAppRouter, openingRoutes } from './app/router';

// The Content-Security-Policy forbids eval; without this zod probes Function('') and the browser reports it.
z.config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The opening page's code is asked for at once, beside the session check, and its data as soon as
// the check allows, not once React has rendered what asks for them.
const client = createAppQueryClient();
const router = createAppRouter();
void prefetchRoute(client, openingRoutes(router));

createRoot(root).render(
  <StrictMode>
    <AppProviders client={client}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
