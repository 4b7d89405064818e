import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import type { ServerProcess } from '../helpers/server-process';

// Relay overhead: fetch-message through POST /api/datasources/:id/execute, next to the same fetch
// made straight to the emulator, all against one server process on 127.0.0.1 in the same run.
// autocannon drives the two HTTP rows alike; the third row is the official twilio library (what
// the relay uses inside) calling the emulator from this process, the way a script would.

export interface LoadFigure {
  label: string;
  p50: number;
  p99: number;
  requestsPerSecond: number;
  requests: number;
  failures: number;
}

export const benchCredentials = () => ({
  accountSid: `AC${randomBytes(16).toString('hex')}`,
  authToken: randomBytes(16).toString('hex'),
});

const percentile = (sorted: number[], q: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN) * 100) /
  100;

async function cannon(label: string, options: autocannon.Options): Promise<LoadFigure> {
  // autocannon's own histogram keeps whole milliseconds; each response's time is read at full precision.
  // Without a callback autocannon returns the promise of its result, which is also the instance
  // that emits each response (its types give only the promise).
  const result = autocannon(options);
  const run = result as unknown as autocannon.Instance;
  const latencies: number[] = [];
  run.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status >= 200 && status < 300) latencies.push(responseTime);
  });
  const done = await result;
  latencies.sort((a, b) => a - b);
  return {
    label,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    requestsPerSecond: Math.round(done.requests.average),
    requests: done.requests.total,
    failures: done.non2xx + done.errors + done.timeouts,
  };
}

/** Keeps `connections` twilio-library calls in flight for durationMs; latencies in ms. */
async function twilioLibraryLoad(
  label: string,
  call: () => Promise<unknown>,
  connections: number,
  durationMs: number,
): Promise<LoadFigure> {
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          await call();
          latencies.push(performance.now() - t);
        } catch {
          failures += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    requestsPerSecond: Math.round(latencies.length / seconds),
    requests: latencies.length,
    failures,
  };
}

export interface RelayFigures {
  connections: number;
  relay: LoadFigure;
  direct: LoadFigure;
  library: LoadFigure;
}

/** For each concurrency: the relay, the emulator straight (autocannon), and the twilio library. */
export async function runRelayBench(
  server: ServerProcess,
  creds: { accountSid: string; authToken: string },
  durationS = 5,
  concurrency = [1, 10],
): Promise<RelayFigures[]> {
  const client = twilio(creds.accountSid, creds.authToken, {
    httpClient: new twilio.RequestClient({ keepAlive: true }),
  });
  client.api.baseUrl = `${server.url}/emulator`;
  const from = (
    (await (await fetch(`${server.url}/api/emulator`)).json()) as { phoneNumbers: string[] }
  ).phoneNumbers[0]!;
  const message = await client.messages.create({ to: '+14155550100', from, body: 'benchmark' });
  const datasources = (await (await fetch(`${server.url}/api/datasources`)).json()) as {
    id: string;
    name: string;
  }[];
  const ds = datasources.find((d) => d.name === 'Twilio Emulator')!.id;

  const relay = (connections: number): autocannon.Options => ({
    url: `${server.url}/api/datasources/${ds}/execute`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ command: 'fetch-message', params: { messageSid: message.sid } }),
    connections,
    duration: durationS,
  });
  const direct = (connections: number): autocannon.Options => ({
    url: `${server.url}/emulator/2010-04-01/Accounts/${creds.accountSid}/Messages/${message.sid}.json`,
    headers: {
      authorization: `Basic ${Buffer.from(`${creds.accountSid}:${creds.authToken}`).toString('base64')}`,
    },
    connections,
    duration: durationS,
  });
  // A short warm-up of each path (JIT, SQLite statement caches, the relay's cached client).
  await cannon('warm-up', { ...relay(10), duration: 1 });
  await cannon('warm-up', { ...direct(10), duration: 1 });

  const figures: RelayFigures[] = [];
  for (const connections of concurrency) {
    figures.push({
      connections,
      relay: await cannon('execute fetch-message through the relay', relay(connections)),
      direct: await cannon('GET the message from the emulator directly', direct(connections)),
      library: await twilioLibraryLoad(
        'twilio library fetch() to the emulator directly',
        () => client.messages(message.sid).fetch(),
        connections,
        durationS * 1000,
      ),
    });
  }
  return figures;
}
