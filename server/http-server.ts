import http from 'node:http';
import type { RequestListener } from 'node:http';

// The HTTP server's own limits, against clients that connect and then dribble: the headers must
// arrive within headersTimeout and the whole request (headers and body) within requestTimeout, or
// the server answers 408 and closes the connection. They bound receiving the request only: a slow
// answer (an execute waits up to the query's timeout, 60 s at most) is not cut short. Node checks
// them every connectionsCheckingInterval.

export interface ServerTimeouts {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionsCheckingInterval: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};

export function createHttpServer(
  app: RequestListener,
  timeouts: ServerTimeouts = SERVER_TIMEOUTS,
): http.Server {
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersTimeout,
      requestTimeout: timeouts.requestTimeout,
      connectionsCheckingInterval: timeouts.connectionsCheckingInterval,
    },
    app,
  );
  server.keepAliveTimeout = timeouts.keepAliveTimeout;
  return server;
}
