import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startServer, type ServerProcess } from '../helpers/server-process';

describe('a fresh install in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens with the built-in emulator ready', async () => {
    const info = (await (await fetch(`${server.url}/api/emulator`)).json()) as {
      accountSid: string;
      phoneNumbers: string[];
    };
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Built-in Twilio emulator' }).waitFor();
    await page.getByText(info.accountSid).waitFor();
    for (const number of info.phoneNumbers) await page.getByText(number).waitFor();
    expect(await page.title()).toBe('Twilio Query Builder');
    expect(errors).toEqual([]);
  });

  it('shows the not-found page, not a blank app, at a malformed address', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    for (const path of ['/%E0%A4%A', '/queries/%E0%A4%A', '/%']) {
      await page.goto(`${server.url}${path}`);
      await page.getByText(`Nothing lives at ${path}.`).waitFor();
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
