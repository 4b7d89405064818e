import react from '@vitejs/plugin-react';
import express from 'express';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import type { ServerProcess } from '../helpers/server-process';

// In headless Chromium: the time from navigation to an interactive query editor (its Run button
// on screen and enabled) in the production build, and the message log rendering 10,000 rows.

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n);

export interface EditorFigures {
  coldMs: number[];
  warmMs: number[];
}

/** Navigates to /queries/:id `runs` times, cold (fresh profile) and warm (cached). */
export async function runEditorBench(
  browser: Browser,
  server: ServerProcess,
  runs = 5,
): Promise<EditorFigures> {
  const datasources = (await (await fetch(`${server.url}/api/datasources`)).json()) as {
    id: string;
  }[];
  const res = await fetch(`${server.url}/api/queries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `bench_${Date.now()}`,
      datasourceId: datasources[0]!.id,
      command: 'create-message',
      params: {},
    }),
  });
  const query = (await res.json()) as { id: string };
  const url = `${server.url}/queries/${query.id}`;

  const timeOnce = async (page: Page) => {
    await page.goto(url);
    await page.waitForFunction(
      () => (window as unknown as { __interactiveAt?: number }).__interactiveAt !== undefined,
      undefined,
      { timeout: 30_000 },
    );
    return page.evaluate(() => (window as unknown as { __interactiveAt: number }).__interactiveAt);
  };
  const watch = () => {
    const w = window as unknown as { __interactiveAt?: number };
    new MutationObserver((_m, observer) => {
      const run = [...document.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Run' && !b.disabled,
      );
      if (run) {
        w.__interactiveAt = performance.now(); // milliseconds since navigation started
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  };

  const coldMs: number[] = [];
  const warmMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    await context.addInitScript(watch);
    const page = await context.newPage();
    coldMs.push(await timeOnce(page));
    warmMs.push(await timeOnce(page));
    await context.close();
  }
  return { coldMs: coldMs.map(round), warmMs: warmMs.map(round) };
}

export interface LogFigures {
  rows: number;
  renderMs: number[];
  rowsInDom: number;
  scrollToEndMs: number;
}

/** Builds the harness page with Vite, serves it, and renders the log with `rows` messages. */
export async function runMessageLogBench(
  browser: Browser,
  rows = 10_000,
  runs = 3,
): Promise<LogFigures> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-log-bench-'));
  await build({
    configFile: false,
    root: path.join(import.meta.dirname, 'message-log-harness'),
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const app = express().use(express.static(outDir));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html?rows=${rows}`;
  try {
    const renderMs: number[] = [];
    let rowsInDom = 0;
    let scrollToEndMs = 0;
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(
        () => (window as unknown as { __bench?: unknown }).__bench !== undefined,
        undefined,
        { timeout: 60_000 },
      );
      renderMs.push(
        await page.evaluate(
          () => (window as unknown as { __bench: { renderMs: number } }).__bench.renderMs,
        ),
      );
      rowsInDom = await page.locator('[role="table"] [role="row"][aria-rowindex]').count();
      const shown = await page.getByText(`${rows} of ${rows} loaded messages shown`).count();
      if (shown !== 1) throw new Error(`the log does not say it holds ${rows} messages`);
      scrollToEndMs = await page.evaluate(async (last) => {
        const scroller = document.querySelector<HTMLElement>(
          '[data-testid="message-log-scroller"]',
        )!;
        const t = performance.now();
        scroller.scrollTop = scroller.scrollHeight;
        while (!document.querySelector(`[role="row"][aria-rowindex="${last}"]`))
          await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - t;
      }, rows + 1);
      await context.close();
    }
    return { rows, renderMs: renderMs.map(round), rowsInDom, scrollToEndMs: round(scrollToEndMs) };
  } finally {
    server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

export { median };
