import os from 'node:os';
import { launchBrowser } from '../helpers/browser';
import { startServer, type ServerProcess } from '../helpers/server-process';
import { runBindingBench } from './bindings.bench';
import { median, runEditorBench, runMessageLogBench } from './browser-bench';
import { buildApp, measureInitialJs } from './bundle-bench';
import { benchCredentials, runRelayBench } from './relay-bench';

// `npm run bench`: builds the app, starts the real server on 127.0.0.1 and prints every figure of
// issue 7 as a Markdown table, with the machine it ran on. Figures, not pass/fail: targets are
// printed beside them for reading, nothing is asserted.

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
// BENCH_ONLY=relay runs the relay rows alone (no build, no browser): for working on the relay.
const RELAY_ONLY = process.env.BENCH_ONLY === 'relay';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const n = (x: number) => x.toLocaleString('en-US');
const rows: [string, string, string][] = [];
const row = (what: string, figure: string, target = '') => {
  rows.push([what, figure, target]);
  console.error(`  ${what}: ${figure}`);
};

async function relayRows(server: ServerProcess, creds: ReturnType<typeof benchCredentials>) {
  console.error(`Relay load, ${DURATION_S} s per row, 1 then 10 connections...`);
  for (const { connections, relay, direct, library } of await runRelayBench(
    server,
    creds,
    DURATION_S,
  )) {
    const c = `${connections} connection${connections === 1 ? '' : 's'}`;
    for (const f of [relay, direct, library]) {
      row(
        `${f.label}, ${c}: p50 / p99, throughput`,
        `${f.p50} / ${f.p99} ms, ${n(f.requestsPerSecond)} req/s (${n(f.requests)} requests, ${f.failures} failed)`,
        f === relay && connections > 1 ? '≥ 1,500 req/s' : '',
      );
    }
    row(
      `Relay overhead, ${c} (relay − emulator direct, autocannon): p50 / p99`,
      `${(relay.p50 - direct.p50).toFixed(2)} / ${(relay.p99 - direct.p99).toFixed(2)} ms`,
      connections === 1 ? '≤ 1 ms at p50' : '',
    );
  }
}

async function main() {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const creds = benchCredentials();
  const serverEnv = {
    TQB_RATE_LIMIT: '0',
    TQB_EMULATOR_ACCOUNT_SID: creds.accountSid,
    TQB_EMULATOR_AUTH_TOKEN: creds.authToken,
  };
  if (RELAY_ONLY) {
    const server = await startServer(serverEnv);
    try {
      await relayRows(server, creds);
    } finally {
      await server.stop();
    }
    return printTable(load);
  }

  console.error('Building the app (vite build)...');
  buildApp();
  const bundle = measureInitialJs();
  row(
    'Initial JS of the production build, gzipped',
    `${kb(bundle.totalGzipBytes)} (${bundle.files.length} files, ${kb(bundle.totalBytes)} raw)`,
    '≤ 200 KB',
  );

  const server = await startServer(serverEnv);
  const browser = await launchBrowser();
  try {
    console.error('Navigation to an interactive query editor (Chromium)...');
    const editor = await runEditorBench(browser, server);
    row(
      'Navigation to interactive query editor, cold cache (median of 5)',
      `${median(editor.coldMs)} ms (${editor.coldMs.join(', ')})`,
      '≤ 1 s',
    );
    row(
      'Navigation to interactive query editor, warm cache (median of 5)',
      `${median(editor.warmMs)} ms (${editor.warmMs.join(', ')})`,
    );

    await relayRows(server, creds);

    console.error('Binding evaluation...');
    const bindings = runBindingBench(1500);
    for (const f of bindings.figures) {
      row(
        `Bindings (${bindings.entities} entities, ${bindings.properties} bound properties): ${f.label}`,
        `${n(f.perSecond)} ${f.unit}/s (${n(f.roundsPerSecond)} rounds/s)`,
        f.label === 'evaluate whole page' ? '≥ 100,000 evaluations/s' : '',
      );
    }

    console.error('Message log with 10,000 rows (Chromium)...');
    const log = await runMessageLogBench(browser, 10_000);
    row(
      'Message log, 10,000 rows: time to render (median of 3)',
      `${median(log.renderMs)} ms (${log.renderMs.join(', ')})`,
    );
    row('Message log, 10,000 rows: rows in the DOM', `${log.rowsInDom} (virtualized)`);
    row('Message log, 10,000 rows: scroll to the last row', `${log.scrollToEndMs} ms`);
  } finally {
    await browser.close();
    await server.stop();
  }
  printTable(load);
}

function printTable(load: string) {
  const cpus = os.cpus();
  console.log(
    `\nMachine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'} (nproc ${os.availableParallelism()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB memory, ${os.platform()} ${os.release()}, Node ${process.version}; load average ${load} at the start\n`,
  );
  console.log('| Benchmark | Figure | Target |');
  console.log('| --- | --- | --- |');
  for (const [what, figure, target] of rows) console.log(`| ${what} | ${figure} | ${target} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
