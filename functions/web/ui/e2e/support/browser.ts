import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (installed by infra/env.sh `mypages_chromium`), or `MYPAGES_CHROMIUM`. */
export function chromiumPath(): string {
  const path = process.env.MYPAGES_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`no Chromium at ${path}: infra/env.sh installs Debian's chromium (or set MYPAGES_CHROMIUM)`);
  return path;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
}

/** A browser tab at a laptop's width, in `language` (the app's picker remembers it in localStorage). */
export async function newPage(browser: Browser, language = 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: language === 'en' ? 'en-GB' : 'sv-SE' });
  await context.addInitScript((lang) => {
    try {
      if (!window.localStorage.getItem('mypages.language')) window.localStorage.setItem('mypages.language', lang);
    } catch {
      // about:blank has no storage
    }
  }, language);
  const page = await context.newPage();
  // A console error in the app (a CSP refusal, an uncaught exception) fails the test that saw it.
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  (page as Page & { appErrors?: string[] }).appErrors = errors;
  return { context, page };
}

/** What the app printed as errors on this page so far (CSP refusals, uncaught exceptions). */
export function appErrors(page: Page): string[] {
  return (page as Page & { appErrors?: string[] }).appErrors ?? [];
}

/** Saves a screenshot to `$MYPAGES_SCREENSHOTS/<name>.png` when that folder is set (for the notes). */
export async function screenshot(page: Page, name: string) {
  const folder = process.env.MYPAGES_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
}
