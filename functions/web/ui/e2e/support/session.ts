import type { Page } from 'playwright-core';
import { appUrl, type User } from './stack';
import { freshTotpCode } from './totp';

let lastCode: string | undefined;

/**
 * Signs `user` in through the sign-in screen (English), answering what Cognito asks: the first
 * login's new password (then `user.password` is the new one), TOTP enrolment (the secret is read
 * off the screen into `user.totpSecret`), or a TOTP code. Ends on a signed-in screen.
 */
export async function signIn(page: Page, user: User) {
  await page.goto(appUrl('sign-in'));
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  for (let step = 0; step < 4; step++) {
    const next = await Promise.race([
      page.waitForURL((url) => !url.pathname.endsWith('/sign-in'), { timeout: 30_000 }).then(() => 'in' as const),
      page.getByLabel('New password').waitFor({ timeout: 30_000 }).then(() => 'newPassword' as const),
      page.getByLabel('Code from your authenticator app').waitFor({ timeout: 30_000 }).then(() => 'code' as const),
      page.getByRole('alert').first().waitFor({ timeout: 30_000 }).then(() => 'refused' as const),
    ]);
    if (next === 'in') return;
    if (next === 'refused') throw new Error(`sign-in refused: ${await page.getByRole('alert').first().innerText()}`);
    if (next === 'newPassword') {
      await page.getByLabel('New password').fill(user.newPassword);
      await page.getByRole('button', { name: 'Continue' }).click();
      user.password = user.newPassword;
      await page.getByLabel('New password').waitFor({ state: 'detached' });
      continue;
    }
    const secret = page.locator('code.secret');
    if (await secret.count()) {
      user.totpSecret = (await secret.innerText()).trim();
    }
    if (!user.totpSecret) throw new Error('asked for a TOTP code, but the user has no known secret');
    lastCode = await freshTotpCode(user.totpSecret, lastCode);
    await page.getByLabel('Code from your authenticator app').fill(lastCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Code from your authenticator app').waitFor({ state: 'detached' });
  }
  throw new Error('sign-in did not finish');
}
