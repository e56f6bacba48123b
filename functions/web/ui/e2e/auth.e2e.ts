import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, inviteUser } from './support/api';
import { expectAccessible } from './support/axe';
import { appErrors, launch, newPage, screenshot } from './support/browser';
import { signIn } from './support/session';
import { appUrl, newCompany, type User } from './support/stack';
import { freshTotpCode, totpCode } from './support/totp';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const path = (page: Page) => new URL(page.url()).pathname;

/**
 * The tokens the API hands the app (they live in the page's memory only, so the test reads
 * them off the wire): the latest refresh token, to check that signing out revokes it.
 */
function watchTokens(page: Page): { refreshTokens: string[] } {
  const seen = { refreshTokens: [] as string[] };
  page.on('response', async (response) => {
    if (!/\/v1\/auth\/(login|password|mfa|mfa\/verify|sso\/token)$/.test(new URL(response.url()).pathname)) return;
    if (response.status() !== 200) return;
    const body = (await response.json().catch(() => null)) as { refreshToken?: string } | null;
    if (body?.refreshToken) seen.refreshTokens.push(body.refreshToken);
  });
  return seen;
}

describe('signing in', () => {
  it('a new admin: new password, TOTP on the account page, sign-out revokes, sign-in again with a code', async () => {
    const company = newCompany();
    const admin = company.admin;
    const { page, context } = await newPage(browser);
    const tokens = watchTokens(page);

    await page.goto(appUrl('sign-in'));
    await page.getByRole('heading', { name: 'Sign in to My Pages' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in-en');
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // First login: the temporary password is replaced; the pool's policy is shown, and the
    // API's refusal of a weak password is shown beside the field.
    const newPassword = page.getByLabel('New password');
    await newPassword.waitFor();
    await expect.poll(() => page.getByText('At least 12 characters').count()).toBe(1);
    await expectAccessible(page, 'new password');
    await screenshot(page, 'new-password-en');
    await newPassword.fill('short');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => newPassword.getAttribute('aria-invalid')).toBe('true');
    await newPassword.fill(admin.newPassword);
    await page.getByRole('button', { name: 'Continue' }).click();
    admin.password = admin.newPassword;
    await expect.poll(() => path(page)).toBe('/v1/app/contracts');

    // The account page: who, where, which roles; TOTP is off until an authenticator is added.
    await page.getByRole('link', { name: new RegExp(admin.email.replace(/[.]/g, '\\.')) }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Your account');
    expect(await page.title()).toBe('Your account – My Pages');
    await expect.poll(() => page.getByText(company.name).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Administrator').count()).toBe(1);
    await expect.poll(() => page.getByText('Off', { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'account');
    await screenshot(page, 'account-en');

    await page.getByRole('button', { name: 'Add an authenticator app' }).click();
    const secret = page.locator('code.secret');
    await secret.waitFor();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await expectAccessible(page, 'enrolment');
    await screenshot(page, 'enrol-en');
    admin.totpSecret = (await secret.innerText()).trim();
    const enrolCode = await freshTotpCode(admin.totpSecret);
    await page.getByLabel('Code from your authenticator app').fill(enrolCode);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Your authenticator app is added').waitFor();
    await expect.poll(() => page.getByText('On', { exact: true }).count()).toBe(1);

    // Signing out calls /auth/logout: the refresh token of this sign-in stops working.
    const refreshToken = tokens.refreshTokens.at(-1);
    expect(refreshToken, 'the sign-in answered a refresh token').toBeTruthy();
    const logout = page.waitForRequest((request) => request.url().endsWith('/v1/auth/logout') && request.method() === 'POST');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await logout;
    await expect.poll(() => path(page)).toBe('/v1/app/sign-in');
    await page.getByText('You have signed out.').waitFor();
    const refused = await apiCall(null, 'POST', '/auth/refresh', { refreshToken });
    expect(refused.status).toBe(401);
    // A deep link now leads to sign-in.
    await page.goto(appUrl('company'));
    await expect.poll(() => path(page)).toBe('/v1/app/sign-in');

    // Signing in again asks for the authenticator's code (a code is good once: a fresh one).
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const codeField = page.getByLabel('Code from your authenticator app');
    await codeField.waitFor();
    await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
    await expectAccessible(page, 'code');
    await codeField.fill(await freshTotpCode(admin.totpSecret, enrolCode));
    await page.getByRole('button', { name: 'Continue' }).click();
    // Back where the deep link pointed.
    await expect.poll(() => path(page)).toBe('/v1/app/company');

    // Nothing of the session survives a reload (tokens in memory only).
    await page.reload();
    await expect.poll(() => path(page)).toBe('/v1/app/sign-in');
    // The browser logs the refused weak password (422) as a failed resource: that one was asked for.
    expect(appErrors(page).filter((error) => !error.includes('status of 422'))).toEqual([]);
    await context.close();
  });

  it('"sign in with your company account" for a domain without SSO says so', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(appUrl('sign-in'));
    await page.getByRole('button', { name: 'Sign in with your company account' }).click();
    await page.getByText('Enter your e-mail address first').waitFor();
    await page.getByLabel('E-mail').fill('anna@no-sso-here.example');
    await page.getByRole('button', { name: 'Sign in with your company account' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is no company sign-in for this e-mail address' }).waitFor();
    expect(path(page)).toBe('/v1/app/sign-in');
    await context.close();
  });

  it('back from the hosted UI, the code is exchanged (the emulator has no hosted UI: 503 shown)', async () => {
    const { page, context } = await newPage(browser);
    // As "sign in with your company account" left it before going to the company's login page.
    await page.goto(appUrl('sign-in'));
    // eslint-disable-next-line no-restricted-globals -- the app's OAuth state, set as the app would
    await page.evaluate(() => sessionStorage.setItem('mypages.ssoState', 'state-sent-from-this-tab'));
    const exchange = page.waitForRequest((request) => request.url().endsWith('/v1/auth/sso/token'));
    await page.goto(appUrl('sign-in?code=not-a-real-code&state=state-sent-from-this-tab'));
    expect((await exchange).postDataJSON()).toEqual({ code: 'not-a-real-code' });
    await page.getByRole('alert').waitFor();
    // The code leaves the address; the sign-in form is there to try again.
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.getByLabel('E-mail').waitFor();
    await context.close();
  });

  it('a code this tab did not ask for (a link someone sent) is never exchanged', async () => {
    const { page, context } = await newPage(browser);
    const exchanges: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/auth/sso/token')) exchanges.push(request.url());
    });
    await page.goto(appUrl('sign-in?code=an-attackers-code&state=made-up'));
    await page.getByText('That sign-in link was not started here').waitFor();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.goto(appUrl('sign-in?code=an-attackers-code'));
    await page.getByText('That sign-in link was not started here').waitFor();
    expect(exchanges).toEqual([]);
    await context.close();
  });

  it('signs out after the configured idle time, with a warning a minute before', async () => {
    const company = newCompany();
    const { page, context } = await newPage(browser);
    await page.route('**/v1/app/config.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ idleSignOutMinutes: 3 }) }),
    );
    await page.clock.install();
    await signIn(page, company.admin);
    await expect.poll(() => path(page)).toBe('/v1/app/contracts');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.clock.fastForward('02:01');
    const warning = page.getByRole('alert').filter({ hasText: 'You will be signed out in a minute' });
    await warning.waitFor();
    // The button keeps the session. Dispatched, not clicked: the mouse moving onto it is itself
    // activity, which takes the warning (and the button) away before the click lands.
    await page.getByRole('button', { name: 'Stay signed in' }).dispatchEvent('click');
    await warning.waitFor({ state: 'detached' });
    await page.clock.fastForward('02:01');
    await warning.waitFor();
    // So does any sign of being there: a key pressed anywhere.
    await page.keyboard.press('Shift');
    await warning.waitFor({ state: 'detached' });
    await page.clock.fastForward('02:01');
    await warning.waitFor();

    const logout = page.waitForRequest((request) => request.url().endsWith('/v1/auth/logout'));
    await page.clock.fastForward('01:00');
    await logout;
    await expect.poll(() => path(page)).toBe('/v1/app/sign-in');
    await page.getByText('You were signed out because you had been inactive').waitFor();
    await context.close();
  });
});

describe('staying signed in', () => {
  it('the ID token is renewed before it expires, again and again with the one refresh token', async () => {
    const company = newCompany();
    const { page, context } = await newPage(browser);
    // Longer than the test's two renewals: the idle sign-out is not what this test is about.
    await page.route('**/v1/app/config.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ idleSignOutMinutes: 240 }) }),
    );
    const refreshes: Array<{ sent: string; answered: number; answerHasRefreshToken: boolean }> = [];
    page.on('response', async (response) => {
      if (!response.url().endsWith('/v1/auth/refresh')) return;
      const body = (await response.json().catch(() => ({}))) as { refreshToken?: string };
      refreshes.push({
        sent: (response.request().postDataJSON() as { refreshToken: string }).refreshToken,
        answered: response.status(),
        answerHasRefreshToken: Boolean(body.refreshToken),
      });
    });
    const tokens = watchTokens(page);
    await page.clock.install();
    await signIn(page, company.admin);
    await expect.poll(() => path(page)).toBe('/v1/app/contracts');

    // Tokens last an hour; the app renews five minutes before.
    await page.clock.fastForward('55:01');
    await expect.poll(() => refreshes.length).toBe(1);
    await page.clock.fastForward('55:01');
    await expect.poll(() => refreshes.length).toBe(2);
    const signInRefreshToken = tokens.refreshTokens.at(-1);
    expect(refreshes).toEqual([
      { sent: signInRefreshToken, answered: 200, answerHasRefreshToken: false },
      { sent: signInRefreshToken, answered: 200, answerHasRefreshToken: false },
    ]);
    // Still signed in: the account page asks the API with the renewed token.
    await page.getByRole('link', { name: /Your account/ }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await page.getByText('Administrator').waitFor();
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });
});

interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * Set-up through the API: the admin's first login (new password), an authenticator added with
 * the access token, and tokens renewed so they say so (a company may require 2FA only once its
 * admin has it).
 */
async function adminWithTotp(admin: User): Promise<Tokens> {
  const login = await apiCall<{ session: string }>(null, 'POST', '/auth/login', { email: admin.email, password: admin.password });
  const signedIn = await apiCall<Tokens>(null, 'POST', '/auth/password', { session: login.body.session, newPassword: admin.newPassword });
  if (signedIn.status !== 200) throw new Error(`admin sign-in: ${signedIn.status} ${JSON.stringify(signedIn.body)}`);
  admin.password = admin.newPassword;
  const setup = await apiCall<{ secretCode: string }>(signedIn.body.accessToken, 'POST', '/auth/mfa/setup');
  admin.totpSecret = setup.body.secretCode;
  const verified = await apiCall(signedIn.body.accessToken, 'POST', '/auth/mfa/verify', { code: totpCode(admin.totpSecret) });
  if (verified.status !== 204) throw new Error(`admin TOTP: ${verified.status} ${JSON.stringify(verified.body)}`);
  const renewed = await apiCall<Tokens>(null, 'POST', '/auth/refresh', { refreshToken: signedIn.body.refreshToken });
  return { ...renewed.body, refreshToken: signedIn.body.refreshToken };
}

describe('a company that requires two-factor authentication', () => {
  it('an invited user adds an authenticator while signing in for the first time', async () => {
    const company = newCompany();
    const admin = await adminWithTotp(company.admin);
    const settings = await apiCall<{ version: number }>(admin.idToken, 'GET', '/company/settings');
    const required = await apiCall(admin.idToken, 'PATCH', '/company/settings', { mfaRequired: true, reason: 'e2e: 2FA for all' }, {
      'if-match': `"${settings.body.version}"`,
    });
    expect(required.status, JSON.stringify(required.body)).toBe(200);
    const editor = await inviteUser(admin.idToken, ['editor']);

    const { page, context } = await newPage(browser);
    await page.goto(appUrl('sign-in'));
    await page.getByLabel('E-mail').fill(editor.email);
    await page.getByLabel('Password', { exact: true }).fill(editor.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('New password').fill(editor.newPassword);
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Add an authenticator app' }).waitFor();
    await page.getByText('Your company requires two-factor authentication').waitFor();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await expectAccessible(page, 'enrolment at sign-in');
    const secret = (await page.locator('code.secret').innerText()).trim();
    await page.getByLabel('Code from your authenticator app').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => path(page)).toBe('/v1/app/contracts');
    await page.getByRole('link', { name: new RegExp(editor.email.replace(/[.]/g, '\\.')) }).click();
    await page.getByText('On', { exact: true }).waitFor();
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('languages', () => {
  it('Swedish without a stored choice; the picked language is remembered across a reload', async () => {
    // A browser that has never picked a language (newPage would store English).
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(appUrl('sign-in'));
    await page.getByRole('heading', { name: 'Logga in på My Pages' }).waitFor();
    await page.getByRole('button', { name: 'Logga in', exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await expectAccessible(page, 'sign-in (sv)');
    await screenshot(page, 'sign-in-sv');

    // The API answers in the picked language too (Accept-Language).
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { name: 'Sign in to My Pages' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to My Pages' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const login = page.waitForRequest((request) => request.url().endsWith('/v1/auth/login'));
    await page.getByLabel('E-mail').fill('nobody@e2e.example');
    await page.getByLabel('Password', { exact: true }).fill('Not-the-password-1!');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect((await login).headers()['accept-language']).toBe('en');
    await context.close();
  });

  it('sign-in and the account page in Swedish', async () => {
    const company = newCompany();
    const admin = company.admin;
    const { page, context } = await newPage(browser, 'sv');
    await page.goto(appUrl('sign-in'));
    await page.getByLabel('E-post').fill(admin.email);
    await page.getByLabel('Lösenord', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByRole('heading', { name: 'Välj ett nytt lösenord' }).waitFor();
    await page.getByLabel('Nytt lösenord').fill(admin.newPassword);
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await expect.poll(() => path(page)).toBe('/v1/app/contracts');

    await page.getByRole('link', { name: /Ditt konto/ }).click();
    await page.getByRole('heading', { name: 'Ditt konto' }).waitFor();
    await page.getByText('Administratör').waitFor();
    expect(await page.title()).toBe('Ditt konto – My Pages');
    await expectAccessible(page, 'account (sv)');
    await screenshot(page, 'account-sv');
    await page.getByRole('button', { name: 'Lägg till en autentiseringsapp' }).click();
    await page.getByRole('img', { name: 'QR-kod för din autentiseringsapp' }).waitFor();
    await page.getByLabel('Kod från din autentiseringsapp').waitFor();
    await screenshot(page, 'enrol-sv');
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });
});
