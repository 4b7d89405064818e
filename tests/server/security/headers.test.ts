import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../helpers/app';
import { launchBrowser } from '../../helpers/browser';
import { seededDatasourceId } from '../../helpers/relay';
import { projectRoot, startServer, type ServerProcess } from '../../helpers/server-process';

// Response headers: the app and the API get helmet's headers with a strict Content-Security-Policy
// (scripts only from this origin, never inline; no framing); the emulator answers as Twilio does.
// Then the built app runs in Chromium under that policy without a single violation, including a
// query run (a JSON POST) and a delete (a body-less DELETE) through the CSRF rules.

const EXPECTED_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join(';');

describe('security headers', () => {
  let app: RunningApp;
  let staticDir = '';
  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tqb-static-'));
    fs.writeFileSync(
      path.join(staticDir, 'index.html'),
      '<!doctype html><title>Twilio Query Builder</title>',
    );
    app = await startApp({ staticDir });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it.each(['/', '/queries/42', '/api/health', '/api/nope'])(
    'sends the strict policy and its companions on %s',
    async (url) => {
      const res = await app.api.get(url);
      expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
      expect(res.headers['content-security-policy']).not.toMatch(
        /unsafe-eval|script-src[^;]*unsafe-inline|upgrade-insecure-requests/,
      );
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
      // helmet's default, as the README says: browsers heed it only over HTTPS (a TLS proxy).
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    },
  );

  it('never serves a source map, even one on disk', async () => {
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'assets', 'index.js'), 'console.log(1);\n');
    fs.writeFileSync(path.join(staticDir, 'assets', 'index.js.map'), '{"version":3}');
    await app.api.get('/assets/index.js').expect(200);
    for (const url of ['/assets/index.js.map', '/assets/INDEX.JS.MAP', '/assets/missing.js.map']) {
      const res = await app.api.get(url).expect(404);
      expect(res.text).not.toContain('"version":3');
    }
  });

  it('leaves the emulator answering JSON as Twilio does, without browser policies', async () => {
    const { accountSid, authToken } = app.emulator.identity;
    for (const res of [
      await app.api
        .get(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json`)
        .auth(accountSid, authToken)
        .expect(200),
      await app.api.get(`/emulator/2010-04-01/Accounts/${accountSid}/Messages.json`).expect(401),
    ]) {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-security-policy']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

interface Violation {
  directive: string;
  blocked: string;
  file: string;
  line: number;
  column: number;
}

/**
 * zod 4 checks once whether it may compile validators with `Function('')`, inside a try/catch; a
 * strict CSP refuses, zod falls back to its interpreter, but Chromium still reports the attempt.
 * That one probe, identified by the exact code at the reported position, is the only report let
 * through. (`z.config({ jitless: true })` in the browser app's entry would skip the probe.)
 */
async function isZodEvalProbe(v: Violation): Promise<boolean> {
  if (v.directive !== 'script-src' || v.blocked !== 'eval') return false;
  const source = (await (await fetch(v.file)).text()).split('\n')[v.line - 1] ?? '';
  return source.slice(v.column - 1 - 'try{return '.length).startsWith('try{return Function(``)');
}

describe('the built app under the policy, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({ TQB_EMULATOR_STEP_MS: '200' }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves bundles that link no source map, and 404 for the maps the build keeps', async () => {
    const html = await (await fetch(server.url)).text();
    const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const res = await fetch(`${server.url}${script}`);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toMatch(/sourceMappingURL/);
      // 'hidden': the map is written beside the bundle for error reports, and never served.
      expect(fs.existsSync(path.join(projectRoot, 'dist', `${script}.map`)), script).toBe(true);
      expect((await fetch(`${server.url}${script}.map`)).status).toBe(404);
    }
  });

  it('renders, runs a query and deletes it with no CSP violation', async () => {
    const api = (p: string, init?: RequestInit) =>
      fetch(`${server.url}${p}`, { ...init, headers: { 'Content-Type': 'application/json' } });
    const datasourceId = await seededDatasourceId({
      api: {
        get: (p: string) => ({ expect: async () => ({ body: await (await api(p)).json() }) }),
      },
    } as never);
    const query = await (
      await api('/api/queries', {
        method: 'POST',
        body: JSON.stringify({
          name: 'cspCheck',
          datasourceId,
          command: 'list-messages',
          params: {},
        }),
      })
    ).json();

    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content[- ]Security[- ]Policy/i.test(m.text()))
        problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { violations: Violation[] };
        w.violations ??= [];
        w.violations.push({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          file: e.sourceFile,
          line: e.lineNumber,
          column: e.columnNumber,
        });
      });
    });

    const home = await page.goto(server.url);
    expect(home!.headers()['content-security-policy']).toBe(EXPECTED_CSP);
    await page.getByRole('heading', { name: 'Built-in Twilio emulator' }).waitFor();

    await page.goto(`${server.url}/queries/${query.id}`);
    const run = page.getByRole('button', { name: 'Run', exact: true });
    await run.waitFor();
    const executed = page.waitForResponse((r) => r.url().endsWith('/execute'));
    await run.click();
    expect((await executed).status()).toBe(200);

    const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE');
    await page.getByRole('button', { name: 'Delete query' }).click();
    await page
      .getByRole('dialog', { name: `Delete query ${query.name}?` })
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    expect((await deleted).status()).toBe(204);
    expect((await api(`/api/queries/${query.id}`)).status).toBe(404);

    const violations = await page.evaluate(
      () => (window as unknown as { violations?: Violation[] }).violations ?? [],
    );
    const real: Violation[] = [];
    for (const v of violations) if (!(await isZodEvalProbe(v))) real.push(v);
    expect(real).toEqual([]);
    expect(problems).toEqual([]);
  });
});
