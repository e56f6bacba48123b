import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiSignIn, IE13_CONTRACT, inviteUser } from './support/api';
import { expectAccessible } from './support/axe';
import { appErrors, launch, newPage, screenshot } from './support/browser';
import { signIn } from './support/session';
import { newCompany, type Company } from './support/stack';

/** The text of `selector` with every kind of space (Intl's no-break spaces too) as a plain space. */
async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * The app's errors other than the browser's note of a refused request the test asked for (the
 * 422 of the bad input, the 404 of an IBR suggestion without stored yields), which the screen shows.
 */
function unexpectedErrors(page: Page): string[] {
  return appErrors(page).filter((error) => !/^Failed to load resource: the server responded with a status of (404|422)\b/.test(error));
}

const SCHEDULE_CSV_HEADER =
  'period,startDate,endDate,paymentDate,openingLiability,liabilityRemeasurement,interest,payment,closingLiability,openingRightOfUseAsset,rightOfUseAssetRemeasurement,depreciation,closingRightOfUseAsset,expense,version';

/** Fills the contract form with the IFRS 16 IE Example 13 inputs (English labels). */
async function fillIe13(page: Page) {
  const c = IE13_CONTRACT;
  await page.getByLabel('Name', { exact: true }).fill(c.name);
  await page.getByLabel('Reference', { exact: true }).fill(c.reference);
  await page.getByLabel('Lessor', { exact: true }).fill(c.lessor);
  await page.getByLabel('Asset class').selectOption(c.assetClass);
  await page.getByLabel('Currency').fill(c.currency);
  await page.getByLabel('Commencement date').fill(c.commencementDate);
  await page.getByLabel('End date').fill(c.endDate);
  await page.getByLabel('Payment amount').fill(c.payment.amount);
  await page.getByLabel('Payment frequency').selectOption(c.payment.frequency);
  await page.getByLabel('Payment timing').selectOption(c.payment.timing);
  await page.getByLabel('Discount rate (% a year)').fill(c.discountRate);
  await page.getByLabel('Initial direct costs').fill(c.initialDirectCosts);
  await page.getByLabel('Lease incentives').fill(c.leaseIncentives);
  await page.getByLabel('Restoration costs').fill(c.restorationCosts);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('contracts: an admin creates, changes, schedules and archives the IE 13 lease', () => {
  let company: Company;
  let context: BrowserContext;
  let page: Page;

  /** In-app navigation to the contract (a page load would end the in-memory session). */
  async function openContract() {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contracts' }).click();
    await page.getByRole('link', { name: IE13_CONTRACT.name }).click();
    await page.getByRole('heading', { name: IE13_CONTRACT.name }).waitFor();
  }

  beforeAll(async () => {
    company = newCompany();
    ({ context, page } = await newPage(browser, 'en'));
    await signIn(page, company.admin);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('a bad input shows the API message beside the field and creates nothing; then the IE 13 lease is created', async () => {
    await page.getByRole('link', { name: 'New contract' }).click();
    await page.getByRole('heading', { name: 'New contract' }).waitFor();
    await page.getByText('A suggested discount rate').waitFor();
    await fillIe13(page);
    // The browser does not check the order of the dates: that rule is the API's.
    await page.getByLabel('End date').fill('2025-12-31');
    await page.getByRole('button', { name: 'Create contract' }).click();
    const endDate = page.getByLabel('End date');
    await expect.poll(() => endDate.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await endDate.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(errorId).toBeTruthy();
    const message = await page.locator(`[id="${errorId}"]`).innerText();
    expect(message.trim().length).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe('/v1/app/contracts/new');
    await expectAccessible(page, 'contract form with errors');
    await screenshot(page, 'contract-form-en');

    await endDate.fill(IE13_CONTRACT.endDate);
    await page.getByRole('button', { name: 'Create contract' }).click();
    await page.getByRole('heading', { name: IE13_CONTRACT.name }).waitFor();
    await page.getByText('The contract is saved as version 1.').waitFor();
    expect(await textOf(page, 'lease-liability')).toBe('355,391.08 SEK');
    expect(await textOf(page, 'right-of-use-asset')).toBe('420,391.08 SEK');

    // Only the one contract exists: the refused attempt created nothing.
    await page.getByRole('link', { name: 'All contracts' }).click();
    await page.getByText('1 of 1 contracts shown').waitFor();
    expect(unexpectedErrors(page)).toEqual([]);
  });

  it('shows the list and the detail in Swedish: 355 391,08 and 420 391,08', async () => {
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('heading', { name: 'Avtal', exact: true }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(IE13_CONTRACT.name) });
    await expect.poll(async () => (await row.innerText()).replace(/\s+/g, ' ')).toContain('355 391,08');
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('420 391,08');
    expect(await row.innerText()).toContain('Lokaler');
    await page.getByText('Summa SEK (1)').waitFor();
    await page.getByLabel('Sök', { exact: true }).fill('ingen sådan');
    await page.getByText('0 av 1 avtal visas').waitFor();
    await page.getByLabel('Sök', { exact: true }).fill('lessor PLC');
    await page.getByText('1 av 1 avtal visas').waitFor();
    await expectAccessible(page, 'contracts list (sv)');
    await screenshot(page, 'contracts-list-sv');

    await page.getByRole('link', { name: IE13_CONTRACT.name }).click();
    await page.getByRole('heading', { name: 'Värdering vid inledningsdatum' }).waitFor();
    expect(await textOf(page, 'lease-liability')).toBe('355 391,08 SEK');
    expect(await textOf(page, 'right-of-use-asset')).toBe('420 391,08 SEK');
    await expectAccessible(page, 'contract detail (sv)');
    await screenshot(page, 'contract-detail-sv');
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Measurement at commencement' }).waitFor();
  });

  it('changes the discount rate from 2028-01-01 with a reason and shows version 2 with its remeasurement', async () => {
    await openContract();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: /^Change / }).waitFor();
    // The suggestion is asked for on demand and never applied by itself.
    await page.getByRole('button', { name: 'Suggest a discount rate' }).click();
    await expect
      .poll(async () => (await page.getByText('Suggested rate').count()) + (await page.locator('.ibr [role="alert"]').count()))
      .toBeGreaterThan(0);
    expect(await page.getByLabel('Discount rate (% a year)').inputValue()).toBe('5.0');

    await page.getByLabel('Discount rate (% a year)').fill('6.0');
    await page.getByLabel('Effective from').fill('2028-01-01');
    await page.getByLabel('Reason for the change').fill('Rate reassessed after the extension option became reasonably certain');
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('The change is saved as version 2.').waitFor();
    const version2 = page.getByRole('row', { name: /Rate reassessed/ });
    const cells = (await version2.innerText()).replace(/\s+/g, ' ');
    // Liability before: the IE 13 schedule's closing liability of 2027 at 5 %.
    expect(cells).toContain('339,318.66');
    expect(page.getByRole('row', { name: /First version/ })).toBeTruthy();
    await expectAccessible(page, 'contract detail with versions');
    await screenshot(page, 'contract-versions-en');
  });

  it('shows the schedule as a chart and a table and downloads the CSV', async () => {
    await page.getByRole('link', { name: 'Schedule' }).click();
    await page.getByRole('heading', { name: 'Lease liability and right-of-use asset over time' }).waitFor();
    await page.locator('.schedule-chart svg.recharts-surface').first().waitFor();
    await page.getByRole('heading', { name: 'Remeasurements' }).waitFor();
    const table = page.getByRole('table', { name: 'Schedule per period (SEK)' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(10);
    await expectAccessible(page, 'schedule');
    await screenshot(page, 'schedule-en');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('schedule-IE13.csv');
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe(SCHEDULE_CSV_HEADER);
    expect(csv.split(/\r?\n/).filter((line) => line.trim() !== '')).toHaveLength(11);
  });

  it('archives the contract with a reason', async () => {
    await openContract();
    await page.getByRole('button', { name: 'Archive' }).click();
    const dialog = page.getByRole('dialog', { name: 'Archive the contract' });
    await dialog.getByLabel('Reason').fill('Premises vacated; lease ended by agreement');
    await dialog.getByRole('button', { name: 'Archive' }).click();
    await page.getByText('This contract is archived: it takes no further changes.').waitFor();
    expect(await page.getByRole('button', { name: 'Archive' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(unexpectedErrors(page)).toEqual([]);
  });
});

describe('contracts: a viewer', () => {
  it('reads the list, the detail and the schedule, and is offered no New, Edit or Archive', async () => {
    const company = newCompany();
    const adminToken = await apiSignIn(company.admin);
    const created = await apiCall<{ id: string }>(adminToken, 'POST', '/contracts', IE13_CONTRACT);
    expect(created.status).toBe(201);
    // A monthly lease of ten years: 120 schedule rows, more than the table renders at once.
    const monthly = { ...IE13_CONTRACT, name: 'Monthly car lease', reference: 'CAR-1', assetClass: 'vehicle', payment: { amount: '4000.00', frequency: 'monthly', timing: 'arrears' } };
    expect((await apiCall(adminToken, 'POST', '/contracts', monthly)).status).toBe(201);
    const viewer = await inviteUser(adminToken, ['viewer']);
    const { context, page } = await newPage(browser, 'en');
    await signIn(page, viewer);
    await page.getByRole('link', { name: IE13_CONTRACT.name }).waitFor();
    expect(await page.getByRole('link', { name: 'New contract' }).count()).toBe(0);
    await page.getByRole('link', { name: IE13_CONTRACT.name }).click();
    await page.getByRole('heading', { name: 'Measurement at commencement' }).waitFor();
    expect(await textOf(page, 'lease-liability')).toBe('355,391.08 SEK');
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Archive' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Schedule' }).click();
    await page.getByRole('table', { name: 'Schedule per period (SEK)' }).waitFor();
    // Typing the form's address (in-app, as a page load would end the session) gives no form.
    await page.evaluate(() => {
      window.history.pushState({}, '', '/v1/app/contracts/new');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.getByText('You may read contracts but not change them').waitFor();
    expect(await page.getByRole('button', { name: 'Create contract' }).count()).toBe(0);

    // A long schedule scrolls virtually: every row counted, only those in view rendered.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contracts' }).click();
    await page.getByRole('link', { name: 'Monthly car lease' }).click();
    await page.getByRole('link', { name: 'Schedule' }).click();
    const table = page.getByRole('table', { name: 'Schedule per period (SEK)' });
    await table.waitFor();
    expect(await table.getAttribute('aria-rowcount')).toBe('121');
    const rendered = await table.locator('tbody tr:not([aria-hidden])').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(120);
    await page.getByRole('region', { name: 'Schedule per period (SEK)' }).evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await table.getByRole('cell', { name: '120', exact: true }).waitFor();
    await expectAccessible(page, 'long schedule (virtual)');
    expect(unexpectedErrors(page)).toEqual([]);
    await context.close();
  });
});
