import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
