import { readFileSync } from 'node:fs';
import Big from 'big.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiSignIn, IE13_CONTRACT } from './support/api';
import { expectAccessible } from './support/axe';
import { appErrors, launch, newPage, screenshot } from './support/browser';
import { signIn } from './support/session';
import { newCompany } from './support/stack';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Orders a report of 2026 (the IE 13 lease's first year) in `format` through the form. */
async function orderReport(page: Page, format: 'Excel (XLSX)' | 'JSON') {
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Order a report' }) });
  await form.getByLabel('First day of the period').fill('2026-01-01');
  await form.getByLabel('Last day of the period').fill('2026-12-31');
  await form.getByLabel('File format').selectOption({ label: format });
  await form.getByRole('button', { name: 'Order the report' }).click();
  await form.getByText('The report is ready').waitFor();
}

/** Clicks the newest report's "Download" and returns the saved file. */
async function downloadNewest(page: Page): Promise<Buffer> {
  const newest = page.getByRole('table', { name: "The company's reports" }).getByRole('row').nth(1);
  await expect.poll(() => newest.getByText('Ready').count()).toBe(1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    newest.getByRole('button', { name: /^Download / }).click(),
  ]);
  const path = await download.path();
  if (!path) throw new Error(`download failed: ${await download.failure()}`);
  return readFileSync(path);
}

describe('reports', () => {
  it('a new company admin orders the year as XLSX and as JSON, sees them ready and downloads both', async () => {
    const company = newCompany();
    const token = await apiSignIn(company.admin);
    const created = await apiCall(token, 'POST', '/contracts', IE13_CONTRACT);
    expect(created.status).toBe(201);

    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    // In the app, not by a new page load: a reload signs out (the session lives in memory only).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Order a report' }).waitFor();
    // The form starts from the company's settings (a new company: IFRS 16 in SEK) and XLSX.
    await expect.poll(() => page.getByLabel('Accounting framework').inputValue()).toBe('ifrs16');
    await expect.poll(() => page.getByLabel('Reporting currency').inputValue()).toBe('SEK');
    await expect.poll(() => page.getByLabel('File format').inputValue()).toBe('xlsx');
    await expect.poll(() => page.getByLabel('Language of the report').inputValue()).toBe('en');
    await page.getByText('No report has been ordered yet.').waitFor();
    await expectAccessible(page, 'reports (empty)');

    await orderReport(page, 'Excel (XLSX)');
    const workbook = await downloadNewest(page);
    // An XLSX workbook is a zip archive.
    expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');

    await orderReport(page, 'JSON');
    const rows = page.getByRole('table', { name: "The company's reports" }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    // Newest first: the JSON report above the workbook.
    await expect.poll(() => rows.nth(1).getByRole('cell', { name: 'JSON', exact: true }).count()).toBe(1);
    await expect.poll(() => rows.nth(2).getByRole('cell', { name: 'Excel (XLSX)', exact: true }).count()).toBe(1);
    const document = JSON.parse((await downloadNewest(page)).toString('utf8')) as {
      periodStart: string;
      periodEnd: string;
      reportingCurrency: string;
      liability: Record<string, string>;
    };
    expect(document).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-12-31', reportingCurrency: 'SEK' });
    // The liability roll-forward: the IE 13 lease added at 355 391.08, and it adds up.
    const l = document.liability;
    expect(l.opening).toBe('0.00');
    expect(l.additions).toBe('355391.08');
    const closing = new Big(l.opening!)
      .plus(l.additions!)
      .plus(l.interest!)
      .minus(l.payments!)
      .plus(l.remeasurements!)
      .minus(l.terminations!)
      .plus(l.fxDifference!);
    expect(closing.toFixed(2)).toBe(l.closing);
    expect(new Big(l.current!).plus(l.nonCurrent!).toFixed(2)).toBe(l.closing);

    await expectAccessible(page, 'reports');
    await screenshot(page, 'reports-en');
    await page.getByRole('banner').getByRole('combobox').selectOption('sv');
    await page.getByRole('heading', { name: 'Beställ en rapport' }).waitFor();
    await page.getByRole('table', { name: 'Företagets rapporter' }).getByText('Klar').first().waitFor();
    await expectAccessible(page, 'reports (sv)');
    await screenshot(page, 'reports-sv');
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });

  it('a portfolio too large to compute in the request is queued: the list follows it until it is ready', async () => {
    const company = newCompany();
    const token = await apiSignIn(company.admin);
    // The local stack computes at most 5 contracts in the request (REPORTS_INLINE_MAX_CONTRACTS).
    for (let n = 1; n <= 6; n++) {
      const created = await apiCall(token, 'POST', '/contracts', { ...IE13_CONTRACT, name: `Office ${n}`, reference: `Q${n}` });
      expect(created.status).toBe(201);
    }
    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Order a report' }) });
    await form.getByLabel('First day of the period').fill('2026-01-01');
    await form.getByLabel('Last day of the period').fill('2026-12-31');
    await form.getByRole('button', { name: 'Order the report' }).click();
    await form.getByText('The report is being built').waitFor();
    const newest = page.getByRole('table', { name: "The company's reports" }).getByRole('row').nth(1);
    // The answer was `pending`; polling moves the row on to ready without a reload.
    await expect.poll(() => newest.getByText('Ready').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => newest.getByRole('cell', { name: '6', exact: true }).count()).toBe(1);
    await expect.poll(() => newest.getByRole('progressbar').count()).toBe(0);

    // Two chosen contracts: few enough to be computed at once.
    await form.getByLabel('Only the contracts I choose').check();
    await form.getByLabel('Search contracts').fill('Office');
    await form.getByRole('checkbox', { name: /^Office 2 / }).check();
    await form.getByRole('checkbox', { name: /^Office 5 / }).check();
    await form.getByText('Chosen: 2').waitFor();
    await form.getByRole('button', { name: 'Order the report' }).click();
    await form.getByText('The report is ready').waitFor();
    const rows = page.getByRole('table', { name: "The company's reports" }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => rows.nth(1).getByRole('cell', { name: '2', exact: true }).count()).toBe(1);
    await expect.poll(() => rows.nth(1).getByText('Ready').count()).toBe(1);
    await expectAccessible(page, 'reports (contracts chosen)');
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });

  it('a report the rates do not allow is refused with the API\'s reason beside the field, and a wrong period never leaves the form', async () => {
    const company = newCompany();
    const token = await apiSignIn(company.admin);
    const berlin = { ...IE13_CONTRACT, name: 'Berlin office', currency: 'EUR', commencementDate: '2031-01-01', endDate: '2035-12-31' };
    const created = await apiCall(token, 'POST', '/contracts', berlin);
    expect(created.status).toBe(201);
    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Order a report' }) });
    // The form's own checks: the end before the start, a period over 12 months.
    await form.getByLabel('First day of the period').fill('2031-01-01');
    await form.getByLabel('Last day of the period').fill('2030-12-31');
    await form.getByRole('button', { name: 'Order the report' }).click();
    await form.getByText('The last day must not be before the first day.').waitFor();
    await form.getByLabel('Last day of the period').fill('2032-01-01');
    await form.getByRole('button', { name: 'Order the report' }).click();
    await form.getByText('The period may be at most 12 months.').waitFor();
    await expect.poll(() => page.getByText('No report has been ordered yet.').count()).toBe(1);

    // No EUR/SEK rate exists in 2031: the API refuses, and says which rate is missing.
    await form.getByLabel('Last day of the period').fill('2031-03-31');
    await form.getByRole('button', { name: 'Order the report' }).click();
    // The problem above the button, and its per-field message beside the field it names.
    const problem = form.locator('.alert--error').filter({ hasText: 'EUR/SEK' });
    await problem.waitFor();
    await form.locator('.field__error').filter({ hasText: 'EUR/SEK' }).waitFor();
    await expectAccessible(page, 'reports (refused)');

    // Six such contracts are queued instead: the report fails there, and the list says why.
    for (let n = 2; n <= 6; n++) {
      const more = await apiCall(token, 'POST', '/contracts', { ...berlin, name: `Berlin office ${n}` });
      expect(more.status).toBe(201);
    }
    await form.getByRole('button', { name: 'Order the report' }).click();
    await form.getByText('The report is being built').waitFor();
    const newest = page.getByRole('table', { name: "The company's reports" }).getByRole('row').nth(1);
    await expect.poll(() => newest.getByText('Failed').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => newest.getByText(/^Reason: no EUR\/SEK rate is known/).count()).toBe(1);
    expect(await newest.getByRole('button', { name: /^Download/ }).count()).toBe(0);
    await expectAccessible(page, 'reports (failed)');
    await context.close();
  });
});

