import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiSignIn, inviteUser } from './support/api';
import { expectAccessible } from './support/axe';
import { appErrors, launch, newPage, screenshot } from './support/browser';
import { signIn } from './support/session';
import { newCompany, type User } from './support/stack';
import { freshTotpCode } from './support/totp';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The company administration's tabs are links of their own navigation. */
async function openTab(page: Page, name: 'Settings' | 'Users' | 'Single sign-on' | 'Data and erasure') {
  await page.getByRole('navigation', { name: 'Company administration' }).getByRole('link', { name, exact: true }).click();
}

/** The app's console errors, less the browser's note on each refusal the test provoked on purpose. */
function unexpectedErrors(page: Page, ...expectedStatuses: number[]): string[] {
  return appErrors(page).filter(
    (error) => !expectedStatuses.some((status) => error.startsWith(`Failed to load resource: the server responded with a status of ${status} `)),
  );
}

async function openCompany(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Company' }).click();
  await page.getByRole('heading', { level: 2, name: 'Company settings' }).waitFor();
}

/** Answers the open reason dialog and confirms it with `confirm`. */
async function giveReason(page: Page, confirm: string, reason = 'e2e: checked by the browser test') {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
}

/** Adds TOTP to `user`'s own account through the API (set-up the test needs, not what it tests). */
async function enrolTotp(user: User): Promise<string> {
  const login = await apiCall<{ accessToken: string }>(null, 'POST', '/auth/login', { email: user.email, password: user.password });
  expect(login.status).toBe(200);
  const setup = await apiCall<{ secretCode: string }>(login.body.accessToken, 'POST', '/auth/mfa/setup', {});
  expect(setup.status).toBe(200);
  user.totpSecret = setup.body.secretCode;
  const code = await freshTotpCode(user.totpSecret);
  const verified = await apiCall(login.body.accessToken, 'POST', '/auth/mfa/verify', { code });
  expect(verified.status).toBe(204);
  return code;
}

describe('company administration', () => {
  it('an admin changes a setting, sees it after a reload, and turns the 2FA requirement on and off', async () => {
    const company = newCompany();
    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await openCompany(page);
    await expectAccessible(page, 'company settings');
    await screenshot(page, 'company-settings-en');

    // A bad value is refused beside its field before anything is sent.
    await page.getByLabel('Credit spread (percentage points)').fill('25');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByText('Enter a number from 0 to 20').count()).toBe(1);

    await page.getByLabel('Credit spread (percentage points)').fill('1.75');
    await page.getByLabel('Interest expense').fill('8411');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await giveReason(page, 'Save settings');
    await page.getByText('The settings are saved.').waitFor();

    // The new values come back from the API after a reload (which signs in again).
    await page.reload();
    await signIn(page, company.admin);
    await openCompany(page);
    await expect.poll(() => page.getByLabel('Credit spread (percentage points)').inputValue()).toBe('1.75');
    expect(await page.getByLabel('Interest expense').inputValue()).toBe('8411');

    // Without TOTP on the admin's own account the API refuses the requirement: shown beside the box.
    const requirement = page.getByLabel('Require two-factor authentication (TOTP) for every user');
    await requirement.check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await giveReason(page, 'Save settings');
    await expect.poll(() => page.locator('.field--check .field__error').count()).toBe(1);

    await enrolTotp(company.admin);
    await page.reload();
    await signIn(page, company.admin);
    await openCompany(page);
    await requirement.check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await giveReason(page, 'Save settings', 'e2e: everyone uses an authenticator app');
    await page.getByText('The settings are saved.').waitFor();
    expect(await requirement.isChecked()).toBe(true);
    await requirement.uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await giveReason(page, 'Save settings', 'e2e: back to optional');
    await page.getByText('The settings are saved.').waitFor();
    expect(await requirement.isChecked()).toBe(false);
    expect(unexpectedErrors(page, 422)).toEqual([]);
    await context.close();
  });

  it('an admin invites a viewer, changes their roles, deactivates and erases them; the last admin stays', async () => {
    const company = newCompany();
    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await openCompany(page);
    await openTab(page, 'Users');
    await page.getByRole('heading', { name: 'Invite a user' }).waitFor();
    await expectAccessible(page, 'company users');

    const email = `viewer-${randomUUID().slice(0, 8)}@e2e.example`;
    const invite = page.getByRole('form', { name: 'Invite a user' });
    await invite.getByLabel('E-mail').fill(email);
    await invite.getByLabel('Language').selectOption('en');
    await invite.getByLabel('Temporary password (optional)').fill(`Temp-${randomUUID().slice(0, 8)}-Aa1!`);
    await invite.getByRole('button', { name: 'Invite' }).click();
    await page.getByText(`${email} is invited.`).waitFor();
    const row = page.getByRole('row').filter({ hasText: email });
    await row.waitFor();
    expect(await row.innerText()).toContain('Viewer');
    await screenshot(page, 'company-users-en');

    await row.getByRole('button', { name: 'Change roles' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Editor').check();
    await dialog.getByLabel('Viewer').uncheck();
    await giveReason(page, 'Save changes', 'e2e: moved to bookkeeping');
    await expect.poll(() => row.innerText()).toContain('Editor');
    expect(await row.innerText()).not.toContain('Viewer');

    await row.getByRole('button', { name: 'Deactivate' }).click();
    await giveReason(page, 'Deactivate', 'e2e: on leave');
    await expect.poll(() => row.innerText()).toContain('Inactive');

    // The erasure waits for the address typed exactly.
    await row.getByRole('button', { name: 'Erase' }).click();
    await dialog.getByLabel('Reason').fill('e2e: asked to be erased');
    const eraseButton = dialog.getByRole('button', { name: 'Erase the person' });
    await dialog.getByLabel(/Type the e-mail address/).fill(`x${email}`);
    expect(await eraseButton.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type the e-mail address/).fill(email);
    expect(await eraseButton.isEnabled()).toBe(true);
    await eraseButton.click();
    await page.getByText('The person is erased.').waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: email }).count()).toBe(0);
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Erased user' }).count()).toBe(1);

    // The company's last admin cannot be removed: the API's 422 is shown in the dialog.
    const adminRow = page.getByRole('row').filter({ hasText: company.admin.email });
    await adminRow.getByRole('button', { name: 'Remove' }).click();
    await giveReason(page, 'Remove', 'e2e: trying to remove the last admin');
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').innerText()).toMatch(/at least one active admin/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => adminRow.innerText()).toContain('Active');
    expect(unexpectedErrors(page, 422)).toEqual([]);
    await context.close();
  });

  it('an admin configures OIDC single sign-on and its trial starts', async () => {
    const company = newCompany();
    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await openCompany(page);
    await openTab(page, 'Single sign-on');
    await page.getByRole('heading', { name: 'Single sign-on', level: 2 }).waitFor();
    await expectAccessible(page, 'company sso');

    // Required for everyone without a working provider: the API's 422 beside the box.
    await page.getByLabel('Require single sign-on for everyone').check();
    await page.getByRole('button', { name: 'Save single sign-on' }).click();
    await giveReason(page, 'Save single sign-on');
    await expect.poll(() => page.locator('.field--check .field__error').count()).toBe(1);
    await page.getByLabel('Require single sign-on for everyone').uncheck();

    const domain = `s${randomUUID().replace(/-/g, '').slice(0, 12)}.example`;
    await page.getByLabel('Single sign-on switched on').check();
    await page.getByLabel('Provider').selectOption('oidc');
    await page.getByLabel('Issuer URL').fill('https://login.microsoftonline.com/8f1d2c3b-4a5e-6f70-8192-a3b4c5d6e7f8/v2.0');
    await page.getByLabel('Client id').fill('azure-client');
    await page.getByLabel('Client secret').fill('azure-client-secret-value');
    await page.getByLabel('New domain').fill(domain);
    await page.getByRole('button', { name: 'Add domain' }).click();
    await page.getByLabel('Create users on their first sign-in').check();
    await page.getByRole('button', { name: 'Add a group' }).click();
    await page.getByLabel('Group 1', { exact: true }).fill('g-finance');
    await page.getByLabel('Role of group 1').selectOption('editor');
    await page.getByRole('button', { name: 'Save single sign-on' }).click();
    await giveReason(page, 'Save single sign-on', 'e2e: sign-in through Azure AD');
    await page.getByText('The single sign-on settings are saved.').waitFor();
    await page.getByText('10 days left of the trial').waitFor();
    expect(await page.getByText('Trial', { exact: true }).count()).toBe(1);
    // The secret is write-only: the field is empty again and says how to keep it.
    expect(await page.getByLabel('Client secret').inputValue()).toBe('');
    await page.getByText('Leave empty to keep the current secret').waitFor();
    await page.getByRole('button', { name: `Remove ${domain}` }).waitFor();
    await expectAccessible(page, 'company sso configured');
    await screenshot(page, 'company-sso-en');
    expect(unexpectedErrors(page, 422)).toEqual([]);
    await context.close();
  });

  it('an admin exports all data and downloads the zip, then schedules the erasure and cancels it', async () => {
    const company = newCompany();
    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await openCompany(page);
    await openTab(page, 'Data and erasure');
    await page.getByRole('heading', { name: 'Export all data' }).waitFor();
    await expectAccessible(page, 'company data');

    await page.getByRole('button', { name: 'Export all data' }).click();
    await giveReason(page, 'Export all data', 'e2e: taking our data along');
    // One export at a time: asking again while it is built (it takes seconds) is refused with 429.
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Export all data' }).click();
    await giveReason(page, 'Export all data', 'e2e: asking twice');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('An export is already being built').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const download = page.getByRole('link', { name: 'Download', exact: true });
    await download.waitFor({ timeout: 45_000 });
    await page.getByText(/The link is valid until/).waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const path = await file.path();
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');

    // The erasure waits for the company's name typed exactly.
    const erasure = page.getByRole('region', { name: 'Erase the company' });
    const name = erasure.getByLabel(/Type the company's name/);
    const schedule = erasure.getByRole('button', { name: 'Schedule the erasure' });
    await erasure.getByLabel('Reason', { exact: true }).fill('e2e: the subscription ends');
    await name.fill(company.name.toLowerCase());
    expect(await schedule.isDisabled()).toBe(true);
    await name.fill(company.name);
    expect(await schedule.isEnabled()).toBe(true);
    await schedule.click();
    await page.getByText(/will be erased on/).waitFor();
    await expect.poll(() => page.locator('.countdown').innerText()).toMatch(/^(30 days, 0 hours and 0 minutes|29 days, 23 hours and \d+ minutes?) left$/);
    await expectAccessible(page, 'company data with a scheduled erasure');
    await screenshot(page, 'company-data-en');
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('button', { name: 'Avbryt raderingen' }).waitFor();
    await screenshot(page, 'company-data-sv');
    await page.getByLabel('Språk').selectOption('en');

    await page.getByLabel('Reason for cancelling (optional)').fill('e2e: we stay');
    await page.getByRole('button', { name: 'Cancel the erasure' }).click();
    await schedule.waitFor();
    expect(await page.locator('.countdown').count()).toBe(0);
    expect(unexpectedErrors(page, 404, 429)).toEqual([]);
    await context.close();
  });

  it('a viewer gets no company navigation and a not-allowed page', async () => {
    const company = newCompany();
    const adminToken = await apiSignIn(company.admin);
    const viewer = await inviteUser(adminToken, ['viewer']);
    const { page, context } = await newPage(browser);
    await signIn(page, viewer);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contracts' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Company' }).count()).toBe(0);
    // Opened by its address within the app (a reload would sign out: the session is in memory).
    await page.evaluate(() => {
      window.history.pushState({}, '', '/v1/app/company');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Company administration' }).count()).toBe(0);
    await expectAccessible(page, 'company not allowed');
    // The API refuses anyway.
    const viewerToken = await apiSignIn(viewer);
    expect((await apiCall(viewerToken, 'GET', '/users')).status).toBe(403);
    await context.close();
  });
});
