import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSignIn, inviteUser } from './support/api';
import { expectAccessible } from './support/axe';
import { appErrors, launch, newPage } from './support/browser';
import { signIn } from './support/session';
import { appUrl, newCompany } from './support/stack';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the app shell', () => {
  it('a new company admin signs in for the first time with a new password and lands on the contracts', async () => {
    const company = newCompany();
    const { page, context } = await newPage(browser);
    await page.goto(appUrl());
    await expect.poll(() => new URL(page.url()).pathname).toBe('/v1/app/sign-in');
    await expectAccessible(page, 'sign-in');
    await signIn(page, company.admin);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/v1/app/contracts');
    await expect.poll(() => page.getByText(company.admin.email).count()).toBe(1);
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });

  it('a viewer sees only what a viewer may use; the skip link and page focus serve keyboard and screen reader users', async () => {
    const company = newCompany();
    const viewer = await inviteUser(await apiSignIn(company.admin), ['viewer']);
    const { page, context } = await newPage(browser);
    await signIn(page, viewer);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/v1/app/contracts');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Contracts' }).waitFor();
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Contracts', 'Documents', 'Rates']);

    // The first Tab reaches the skip link; following it puts the keyboard in the page.
    // (Put the keyboard's starting point at the top of the page, as a fresh load does.)
    await page.evaluate(() => {
      const start = document.createElement('span');
      start.tabIndex = -1;
      document.body.prepend(start);
      start.focus();
      start.remove();
    });
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);

    // After a navigation the new page's heading has the focus, and the tab is named after it.
    await nav.getByRole('link', { name: 'Documents' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    expect(await page.title()).toBe(`${heading} – My Pages`);
    await expectAccessible(page, 'the shell');
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });
});
