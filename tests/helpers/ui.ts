import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { EmulatorInfo } from '../../src/contract/lookups';

// Shared steps for the end-to-end tests: they drive the app the way a person does, through roles
// and accessible names, and read what the response preview shows.

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** The server's E2E settings: a fast emulator clock and a short scheduling window. */
export const E2E_ENV = {
  TQB_EMULATOR_STEP_MS: '200',
  TQB_EMULATOR_SCHEDULE_MIN_SECONDS: '60',
  LOG_LEVEL: 'info',
};

export type { EmulatorInfo };

export async function emulatorInfo(baseUrl: string): Promise<EmulatorInfo> {
  const res = await fetch(`${baseUrl}/api/emulator`);
  expect(res.status).toBe(200);
  return (await res.json()) as EmulatorInfo;
}

/** Resolves once `check` passes (retrying its assertion failures), or throws its last failure. */
export async function eventually<T>(
  check: () => Promise<T>,
  ms = 10_000,
  stepMs = 100,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, stepMs));
    }
  }
}

/** Collects uncaught page errors and console errors, to assert a journey ran cleanly; each is also
 * printed as it happens, so that a test failing on a timeout shows what broke in the page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  const record = (text: string) => {
    errors.push(text);
    console.error(`[browser] ${text}`);
  };
  page.on('pageerror', (err) => record(`pageerror: ${err.message}\n${err.stack ?? ''}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') record(`console: ${msg.text()} (${msg.location().url})`);
  });
  return errors;
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * A page in a fresh browser context (its own storage and cookies) for one test, so that the test
 * depends on no other's screen, with the errors it shows collected; close it with `closeTestPage`.
 */
export async function openTestPage(
  browser: Browser,
  options: { timeoutMs?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<TestPage> {
  const context = await browser.newContext(
    options.colorScheme ? { colorScheme: options.colorScheme } : {},
  );
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeoutMs ?? 8_000);
  return { context, page, errors: watchErrors(page) };
}

/** Closes a test's page and fails the test if the page showed an error meanwhile. */
export async function closeTestPage(opened: TestPage | undefined): Promise<void> {
  if (!opened) return;
  const errors = [...opened.errors];
  await opened.context.close();
  expect(errors, 'errors in the page').toEqual([]);
}

export const responseRegion = (page: Page): Locator =>
  page.getByRole('region', { name: 'Response', exact: true });

/** Waits for the response preview to show this status (e.g. "201 Created") and returns the region. */
export async function expectStatus(page: Page, status: string): Promise<Locator> {
  const region = responseRegion(page);
  const chip = region.getByTestId('response-status');
  await chip.waitFor();
  await expect.poll(() => chip.textContent(), { timeout: 10_000 }).toBe(status);
  return region;
}

/** The response body as the Raw tab shows it, parsed. */
export async function readRawBody(page: Page): Promise<Record<string, unknown>> {
  const region = responseRegion(page);
  await region.getByRole('tab', { name: 'Raw' }).click();
  const raw = region.getByRole('region', { name: 'Raw response body' });
  const text = (await raw.textContent()) ?? '';
  await region.getByRole('tab', { name: 'JSON' }).click();
  return JSON.parse(text) as Record<string, unknown>;
}

/** Picks a command from the editor's "Commands" dropdown. */
export async function chooseCommand(page: Page, label: string): Promise<void> {
  await page.getByRole('combobox', { name: /^Commands/ }).click();
  await page.getByRole('option', { name: label, exact: true }).click();
  await page.locator('[role="listbox"]').waitFor({ state: 'detached' }); // the menu has faded out
  await expect.poll(() => page.getByRole('group', { name: `${label} parameters` }).count()).toBe(1);
}

/** A text field of the current command form, by its label (MUI's asterisk is not part of the name). */
export function field(page: Page, label: string): Locator {
  return page
    .getByRole('group', { name: / parameters$/ })
    .getByRole('textbox', { name: label, exact: true });
}

/**
 * What a field holds. Binding fields are CodeMirror editors (a contenteditable with role textbox,
 * where inputValue() does not apply): their text is their lines', without the placeholder.
 */
export async function fieldValue(locator: Locator): Promise<string> {
  return locator.evaluate((el) => {
    if (!el.classList.contains('cm-content')) return (el as HTMLInputElement).value;
    return Array.from(el.querySelectorAll(':scope > .cm-line'))
      .map((line) => (line.querySelector('.cm-placeholder') ? '' : (line.textContent ?? '')))
      .join('\n');
  });
}

/** Picks an option of an MUI select (a combobox whose name starts with `label`). */
export async function selectOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: new RegExp(`^${label}`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.locator('[role="listbox"]').waitFor({ state: 'detached' });
}

/** Asserts axe-core finds no serious or critical violation; the failure lists each one. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `axe-core on ${where}:\n${violations.join('\n')}`).toEqual([]);
}

/** Presses Tab until `target` has the focus (at most `max` times), and checks it can be seen. */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) {
      expect(await target.isVisible()).toBe(true);
      return;
    }
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(
    `${max} presses of Tab did not reach ${String(target)}; the focus is on ${focused}`,
  );
}

/** Runs axe-core inside the page and returns the serious and critical violations, printed readably. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // A tooltip still fading in under the pointer has transitional colours: move away and let it go.
  await page.mouse.move(0, 0);
  await page.locator('[role="tooltip"]').first().waitFor({ state: 'detached' });
  const loaded = await page.evaluate(
    () => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined',
  );
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (script-src 'self')
  // rightly refuses an inline <script>, and the page is tested as served, without bypassCSP.
  if (!loaded)
    await page.evaluate(
      (axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')),
    );
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .map(
            (n) =>
              `    ${n.target.join(' ')}: ${n.html.slice(0, 160)}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`,
          )
          .join('\n'),
    );
}

interface AxeResults {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    helpUrl: string;
    nodes: { target: string[]; html: string; failureSummary?: string }[];
  }[];
}
