import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiSignIn } from './support/api';
import { expectAccessible } from './support/axe';
import { appErrors, launch, newPage, screenshot } from './support/browser';
import { signIn } from './support/session';
import { newCompany, stackState } from './support/stack';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface FxRate {
  rate: string;
  rateDate: string;
}

/**
 * The local stack has rates only after an import: its fake upstream serves recorded ECB days
 * 2024-09-23..2025-01-03 and Riksbank days 2024-12..2025-01-10 (events/rates-import/upstream).
 * The local stack's schedule endpoint runs the import now, as the black-box tests do.
 */
async function importRates(token: string) {
  const root = stackState().baseUrl.replace(/\/v1\/?$/, '');
  const fired = await fetch(`${root}/_local/schedules/rates-import`, { method: 'POST' });
  expect(fired.status, await fired.text()).toBe(200);
  // Another test's import may still be storing the history this one found under way.
  await expect
    .poll(async () => (await apiCall<FxRate>(token, 'GET', '/rates/fx?base=EUR&quote=SEK&date=2024-09-30')).body?.rateDate, {
      timeout: 60_000,
    })
    .toBe('2024-09-30');
}

const number = (value: string, digits: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits }).format(value as Intl.StringNumericLiteral);

describe('rates', () => {
  it('shows the interest series as a chart and a table, and FX rates over the range', async () => {
    const company = newCompany();
    const token = await apiSignIn(company.admin);
    await importRates(token);
    // The page opens on the 90 days up to the newest published day.
    const newest = (await apiCall<FxRate>(token, 'GET', '/rates/fx?base=EUR&quote=SEK')).body.rateDate;

    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    // In the app, not by a new page load: a reload signs out (the session lives in memory only).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rates' }).click();
    await page.getByRole('heading', { name: 'Interest rates (Riksbank)' }).waitFor();
    await expect.poll(() => page.getByLabel('To', { exact: true }).inputValue()).toBe(newest);
    const from = await page.getByLabel('From', { exact: true }).inputValue();

    // The chart draws a line per series.
    await page.getByRole('img', { name: /Line chart of the chosen interest series/ }).waitFor();
    await expect.poll(() => page.locator('.recharts-line').count()).toBe(4);
    // The table: the policy rate's cut on 20 December 2024, exactly as published.
    const table = page.getByRole('table', { name: /^Interest rates in percent/ });
    await expect.poll(() => table.getByRole('row', { name: /^20 Dec 2024/ }).getByRole('cell').nth(1).innerText()).toBe('2.5 %');
    await expect.poll(() => table.getByRole('row', { name: /^19 Dec 2024/ }).getByRole('cell').nth(1).innerText()).toBe('2.75 %');
    const interest = await apiCall<{ items: { date: string; value: string }[] }>(
      token,
      'GET',
      `/rates/interest?series=SEGVB10YC&from=${from}&to=${newest}`,
    );
    expect(interest.body.items.length).toBeGreaterThan(0);
    // Newest first in the table (sorted by date, descending); one row per published day.
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThanOrEqual(interest.body.items.length + 1);

    // FX: EUR in SEK on the range's last day and its average, as the API answers them.
    const fx = page.getByRole('table', { name: 'EUR/SEK over the range' });
    const last = (await apiCall<FxRate>(token, 'GET', `/rates/fx?base=EUR&quote=SEK&date=${newest}`)).body;
    const average = (await apiCall<{ rate: string; observations: number }>(
      token,
      'GET',
      `/rates/fx/average?base=EUR&quote=SEK&from=${from}&to=${newest}`,
    )).body;
    await expect.poll(() => fx.getByRole('row', { name: /^On 3 Jan 2025/ }).getByRole('cell').first().innerText()).toBe(number(last.rate, 6));
    await expect
      .poll(() => fx.getByRole('row', { name: /^Average/ }).getByRole('cell').first().innerText())
      .toBe(number(average.rate, 6));
    await fx.getByText(`Average of ${average.observations} published days`).waitFor();
    await expectAccessible(page, 'rates');
    await screenshot(page, 'rates-en');

    // Another pair: one USD in NOK.
    await page.getByLabel('One unit of').selectOption('USD');
    await page.getByLabel('In', { exact: true }).selectOption('NOK');
    const usdNok = (await apiCall<FxRate>(token, 'GET', `/rates/fx?base=USD&quote=NOK&date=${newest}`)).body;
    await expect
      .poll(() => page.getByRole('table', { name: 'USD/NOK over the range' }).getByRole('row', { name: /^On 3 Jan 2025/ }).getByRole('cell').first().innerText())
      .toBe(number(usdNok.rate, 6));

    await page.getByRole('banner').getByRole('combobox').selectOption('sv');
    await page.getByRole('heading', { name: 'Räntor (Riksbanken)' }).waitFor();
    await page.getByRole('table', { name: 'USD/NOK under intervallet' }).waitFor();
    await expectAccessible(page, 'rates (sv)');
    await screenshot(page, 'rates-sv');
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });
});
