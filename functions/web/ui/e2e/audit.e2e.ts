import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiSignIn, IE13_CONTRACT, inviteUser } from './support/api';
import { expectAccessible } from './support/axe';
import { appErrors, launch, newPage, screenshot } from './support/browser';
import { signIn } from './support/session';
import { newCompany, type Company } from './support/stack';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A new company with the IE 13 lease (created through the API by its admin) and the admin's token. */
async function companyWithLease(): Promise<{ company: Company; token: string; contractId: string }> {
  const company = newCompany();
  const token = await apiSignIn(company.admin);
  const created = await apiCall<{ id: string }>(token, 'POST', '/contracts', IE13_CONTRACT);
  expect(created.status).toBe(201);
  return { company, token, contractId: created.body.id };
}

async function openAuditLog(page: Page) {
  // In the app, not by a new page load: a reload signs out (the session lives in memory only).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
}

/** The records table's body rows (the first row is the header). */
function recordRows(page: Page, caption: string): Locator {
  return page.getByRole('table', { name: caption }).getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
}

async function seqs(rows: Locator): Promise<number[]> {
  return (await rows.locator('td:first-child').allInnerTexts()).map((text) => Number(text.trim()));
}

describe('the audit log', () => {
  it('an admin sees the changes and the sign-ins newest first, filters by action and verifies the chain', async () => {
    const { company, contractId } = await companyWithLease();
    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await openAuditLog(page);

    // Changes: the contract made through the API on top, then the company's creation.
    const changes = recordRows(page, 'Changes, newest first');
    await expect.poll(() => changes.count()).toBe(2);
    const newest = changes.first();
    await expect.poll(() => newest.getByText('Contract created').count()).toBe(1);
    await expect.poll(() => newest.getByText('contract.create', { exact: true }).count()).toBe(1);
    await expect.poll(() => newest.getByText(`contract/${contractId}`).count()).toBe(1);
    await expect.poll(() => newest.getByText(company.admin.email).count()).toBe(1);
    await expect.poll(() => changes.nth(1).getByText('company.create', { exact: true }).count()).toBe(1);
    expect(await seqs(changes)).toEqual([2, 1]);
    await expectAccessible(page, 'audit log');

    // Sign-ins: this browser's sign-in is the newest record.
    await page.getByLabel('Log', { exact: true }).selectOption({ label: 'Sign-ins' });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const signIns = recordRows(page, 'Sign-ins, newest first');
    await expect.poll(() => signIns.count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => signIns.first().getByText('auth.login', { exact: true }).count()).toBe(1);
    await expect.poll(() => signIns.first().getByText('Signed in').count()).toBe(1);
    const signInSeqs = await seqs(signIns);
    expect(signInSeqs).toEqual([...signInSeqs].sort((a, b) => b - a));

    // The action filter: only the contract's creation among the changes.
    await page.getByLabel('Log', { exact: true }).selectOption({ label: 'Changes' });
    await page.getByLabel('Action').selectOption('contract.create');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => changes.count()).toBe(1);
    await expect.poll(() => changes.first().getByText('contract.create', { exact: true }).count()).toBe(1);

    // Verify the chain.
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText('The audit log is intact.', { exact: true }).waitFor();
    const chains = page.getByRole('table', { name: 'Each log' });
    const dataChain = chains.getByRole('row', { name: /Changes/ });
    await expect.poll(() => dataChain.getByText('Intact').count()).toBe(1);
    // The data chain's head is the contract's creation, record 2.
    await expect.poll(() => dataChain.getByRole('cell').nth(2).innerText()).toBe('2');
    await expect.poll(() => chains.getByRole('row', { name: /Sign-ins/ }).getByText('Intact').count()).toBe(1);
    await expectAccessible(page, 'audit log (verified)');
    await screenshot(page, 'audit-en');

    await page.getByRole('banner').getByRole('combobox').selectOption('sv');
    await page.getByRole('heading', { name: 'Granskningslogg', level: 1 }).waitFor();
    await page.getByText('Granskningsloggen är intakt').waitFor();
    await expectAccessible(page, 'audit log (sv)');
    await screenshot(page, 'audit-sv');
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });

  it('shows an erased user as such, with the reason of the erasure, and filters by user', async () => {
    const { company, token } = await companyWithLease();
    const editor = await inviteUser(token, ['editor']);
    const editorToken = await apiSignIn(editor);
    const made = await apiCall(editorToken, 'POST', '/contracts', { ...IE13_CONTRACT, name: 'Editor office' });
    expect(made.status).toBe(201);
    const erased = await apiCall(token, 'POST', `/users/${editor.id}/erasure`, { reason: 'Asked to be erased' });
    expect(erased.status, JSON.stringify(erased.body)).toBe(204);

    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await openAuditLog(page);
    const changes = recordRows(page, 'Changes, newest first');
    // Newest first: the erasure (by the admin, with its reason), then the editor's contract.
    await expect.poll(() => changes.first().getByText('user.erasure', { exact: true }).count()).toBe(1);
    await expect.poll(() => changes.first().getByText('Asked to be erased').count()).toBe(1);
    await expect.poll(() => changes.first().getByText(company.admin.email).count()).toBe(1);
    const editorsContract = changes.filter({ hasText: 'contract.create' }).first();
    await expect.poll(() => editorsContract.getByText('erased user', { exact: true }).count()).toBe(1);
    expect(await page.getByText(editor.email).count()).toBe(0);

    // The user filter: only the erased editor's changes.
    await page.getByLabel('User', { exact: true }).selectOption(editor.id);
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(() => changes.count()).toBe(1);
    await expect.poll(() => changes.first().getByText('contract.create', { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'audit log (erased user)');
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });

  it('an auditor reads the audit log and verifies the chain, without the company administration', async () => {
    const { token } = await companyWithLease();
    const auditor = await inviteUser(token, ['auditor']);
    const { page, context } = await newPage(browser);
    await signIn(page, auditor);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Audit log' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Company' }).count()).toBe(0);

    await openAuditLog(page);
    const changes = recordRows(page, 'Changes, newest first');
    // The invitation of the auditor is the newest change, then the contract.
    await expect.poll(() => changes.first().getByText('user.invite', { exact: true }).count()).toBe(1);
    await expect.poll(() => changes.nth(1).getByText('contract.create', { exact: true }).count()).toBe(1);
    // Auditors may not read the user list: actors are shown by their id, filtered by id.
    await page.getByLabel('User id').waitFor();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText('The audit log is intact.', { exact: true }).waitFor();
    await expectAccessible(page, 'audit log (auditor)');
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });

  it('an auditor reads the contracts, but is offered no change', async () => {
    const { token } = await companyWithLease();
    const auditor = await inviteUser(token, ['auditor']);
    const { page, context } = await newPage(browser);
    await signIn(page, auditor);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contracts' }).click();
    await page.getByText(IE13_CONTRACT.name).first().waitFor();
    for (const name of [/new contract/i, /^edit/i, /archive/i]) {
      expect(await page.getByRole('link', { name }).count(), String(name)).toBe(0);
      expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
    }
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });
});
