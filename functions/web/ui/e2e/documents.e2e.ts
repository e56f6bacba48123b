import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiSignIn, IE13_CONTRACT, inviteUser } from './support/api';
import { expectAccessible } from './support/axe';
import { appErrors, launch, newPage, screenshot } from './support/browser';
import { signIn } from './support/session';
import { newCompany } from './support/stack';

/**
 * The scanned Swedish lease the local OCR engine (Tesseract, infra/local/src/ocr) reads into
 * proposals: rendered by infra/render_lease.py as the black-box test ocr_end_to_end.rs does
 * (lessor Fastighets AB Norrsken, 12 500,00 kr per month, 2026-01-01 to 2030-12-31).
 */
function renderLease(): string {
  const venv = process.env.MYPAGES_VENV ?? join(homedir(), '.cache/mypages/venv');
  const out = mkdtempSync(join(tmpdir(), 'mypages-e2e-lease-'));
  // Vitest runs in functions/web/ui.
  execFileSync(`${venv}/bin/python`, [join(process.cwd(), '../../../infra/render_lease.py'), '--out-dir', out], { stdio: 'ignore' });
  return join(out, 'lease.png');
}

/** Drops `bytes` as a file on the upload zone, as a drag from the desktop would. */
async function dropFile(page: Page, name: string, type: string, bytes: Buffer) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, type, base64 }) => {
      const transfer = new DataTransfer();
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([data], name, { type }));
      return transfer;
    },
    { name, type, base64: bytes.toString('base64') },
  );
  await page.dispatchEvent('.dropzone', 'dragenter', { dataTransfer });
  await page.dispatchEvent('.dropzone', 'drop', { dataTransfer });
}

/** The documents screen by the main navigation (a reload would sign out: tokens live in memory). */
async function openDocuments(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Documents' }).click();
}

let browser: Browser;
let lease: string;
beforeAll(async () => {
  browser = await launch();
  lease = renderLease();
});
afterAll(async () => {
  await browser?.close();
});

describe('documents', () => {
  it('an admin uploads a scanned lease with the file chooser, sees the upload and the OCR finish, and reads the document', async () => {
    const company = newCompany();
    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await openDocuments(page);
    await page.getByRole('heading', { name: 'Documents', level: 1 }).waitFor();
    await expectAccessible(page, 'documents (empty)');

    // A wrong type is refused here, dropped on the zone, before anything is sent.
    await dropFile(page, 'notes.txt', 'text/plain', Buffer.from('not a lease'));
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toBe('notes.txt cannot be uploaded: only PDF, PNG, JPEG and TIFF files are accepted.');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose file' }).click();
    await (await chooser).setFiles(lease);
    // The upload's progress bar reaches 100 %, then OCR reads the file.
    const sent = page.getByRole('progressbar', { name: 'lease.png uploaded' });
    await sent.waitFor({ timeout: 30_000 });
    expect(await sent.getAttribute('value')).toBe('100');
    await page.getByRole('status').filter({ hasText: 'Processed' }).waitFor({ timeout: 90_000 });

    // The list shows it processed, with its page count.
    const row = page.getByRole('row').filter({ hasText: 'lease.png' });
    await expect.poll(() => row.getByText('Processed').count(), { timeout: 20_000 }).toBe(1);
    expect(await row.getByRole('cell').nth(3).innerText()).toBe('1');
    await screenshot(page, 'documents-en');
    await expectAccessible(page, 'documents (with a document)');

    // The detail: the record and the proposals read from the lease.
    await row.getByRole('link', { name: 'lease.png' }).click();
    await page.getByRole('heading', { name: 'lease.png', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Proposed contract fields' }).waitFor();
    await page.getByText('Fastighets AB Norrsken', { exact: true }).waitFor();
    await expectAccessible(page, 'document detail');
    await screenshot(page, 'document-detail-en');

    // Download: a short-lived URL of the original, saved under its file name.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download' }).click();
    expect((await download).suggestedFilename()).toBe('lease.png');

    // An admin deletes it, saying why; the list no longer has it.
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete lease.png?' });
    await dialog.getByLabel('Reason').fill('Uploaded by the e2e test');
    await dialog.getByRole('button', { name: 'Delete the document' }).click();
    await page.getByRole('heading', { name: 'Documents', level: 1 }).waitFor();
    await page.getByText('No documents yet.').waitFor();
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });

  it('accepting proposals beside the contract form fills it field by field, and saving creates the contract', async () => {
    const company = newCompany();
    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await openDocuments(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose file' }).click();
    await (await chooser).setFiles(lease);
    await page.getByRole('status').filter({ hasText: 'Processed' }).waitFor({ timeout: 90_000 });

    await page.getByRole('link', { name: 'Use the proposals in a contract' }).click();
    await page.getByRole('heading', { name: 'New contract from lease.png', level: 1 }).waitFor();
    const proposals = page.getByRole('region', { name: 'Proposed contract fields' });
    await proposals.getByRole('button', { name: 'Accept all' }).waitFor();
    await expectAccessible(page, 'proposals beside the contract form');
    await screenshot(page, 'proposals-en');

    // One by one: each accepted proposal fills its field of the form, nothing else.
    // [proposal and form field, its value before (a new contract's currency starts as SEK), after]
    const accepted: [string, string, string][] = [
      ['Lessor', '', 'Fastighets AB Norrsken'],
      ['Commencement date', '', '2026-01-01'],
      ['End date', '', '2030-12-31'],
      ['Payment amount', '', '12500.00'],
      ['Payment frequency', '', 'monthly'],
      ['Currency', 'SEK', 'SEK'],
    ];
    for (const [field, before, after] of accepted) {
      const input = page.getByLabel(field, { exact: true });
      expect(await input.inputValue(), `${field} before accepting`).toBe(before);
      await proposals.getByRole('button', { name: `Accept ${field}`, exact: true }).click();
      expect(await input.inputValue(), field).toBe(after);
      await proposals.locator('li', { has: page.getByRole('button', { name: `Accept ${field}`, exact: true }) }).getByText('Accepted').waitFor();
    }
    // What is leased, as read (Tesseract's reading of the lease's "Objekt:" line).
    const name = page.getByLabel('Name', { exact: true });
    await proposals.getByRole('button', { name: 'Accept Name', exact: true }).click();
    const acceptedName = await name.inputValue();
    expect(acceptedName).toContain('Storgatan 1');
    // The rest the lease does not say: the user fills it in.
    await page.getByLabel('Asset class').selectOption('premises');
    await page.getByLabel('Payment timing').selectOption('advance');
    await page.getByLabel('Discount rate (% a year)').fill('4.5');
    await page.getByRole('button', { name: 'Create contract' }).click();

    // The new contract, with the accepted values.
    await page.getByText('The contract is saved as version 1.').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toMatch(/^\/v1\/app\/contracts\/[^/]+$/);
    await page.getByText('Fastighets AB Norrsken').first().waitFor();
    const contractId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const saved = await apiCall<Record<string, unknown>>(await apiSignIn(company.admin), 'GET', `/contracts/${contractId}`);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      lessor: 'Fastighets AB Norrsken',
      currency: 'SEK',
      commencementDate: '2026-01-01',
      endDate: '2030-12-31',
      payment: { amount: '12500.00', frequency: 'monthly', timing: 'advance' },
      name: acceptedName,
    });
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });

  it("a document uploaded for a contract updates that contract: the accepted proposal makes a new version", async () => {
    const company = newCompany();
    const adminToken = await apiSignIn(company.admin);
    const contract = await apiCall<{ id: string }>(adminToken, 'POST', '/contracts', IE13_CONTRACT);
    expect(contract.status).toBe(201);
    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contracts' }).click();
    await page.getByRole('link', { name: IE13_CONTRACT.name }).click();
    // The contract's own documents (the link on its page, not the menu's).
    await page.getByRole('main').getByRole('link', { name: 'Documents', exact: true }).click();
    await page.getByRole('heading', { name: `Documents of ${IE13_CONTRACT.name}`, level: 1 }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose file' }).click();
    await (await chooser).setFiles(lease);
    await page.getByRole('status').filter({ hasText: 'Processed' }).waitFor({ timeout: 90_000 });
    const row = page.getByRole('row').filter({ hasText: 'lease.png' });
    await row.getByRole('link', { name: IE13_CONTRACT.name }).waitFor();

    await page.getByRole('link', { name: 'Use the proposals in a contract' }).click();
    await page.getByRole('heading', { name: 'Update the contract from lease.png', level: 1 }).waitFor();
    const lessor = page.getByLabel('Lessor', { exact: true });
    expect(await lessor.inputValue()).toBe(IE13_CONTRACT.lessor);
    await page.getByRole('region', { name: 'Proposed contract fields' }).getByRole('button', { name: 'Accept Lessor', exact: true }).click();
    expect(await lessor.inputValue()).toBe('Fastighets AB Norrsken');
    // The lease pays yearly: a change takes effect at the start of a payment period.
    await page.getByLabel('Effective from').fill('2027-01-01');
    await page.getByLabel('Reason for the change').fill('The lessor as the scanned lease names it');
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('The change is saved as version 2.').waitFor({ timeout: 30_000 });
    const saved = await apiCall<{ lessor: string; version: number }>(adminToken, 'GET', `/contracts/${contract.body.id}`);
    expect(saved.body).toMatchObject({ lessor: 'Fastighets AB Norrsken', version: 2 });
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });

  it('in Swedish: a lease dropped on the zone is read and its proposals are offered beside the form', async () => {
    const company = newCompany();
    const { page, context } = await newPage(browser);
    await signIn(page, company.admin);
    await page.getByLabel('Language').selectOption('sv');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Dokument' }).click();
    await page.getByRole('heading', { name: 'Dokument', level: 1 }).waitFor();
    await dropFile(page, 'hyresavtal.png', 'image/png', readFileSync(lease));
    await page.getByRole('status').filter({ hasText: 'Bearbetat' }).waitFor({ timeout: 90_000 });
    await page.getByRole('link', { name: 'Använd förslagen i ett avtal' }).click();
    const proposals = page.getByRole('region', { name: 'Föreslagna avtalsfält' });
    await proposals.getByRole('button', { name: 'Godta Leasegivare', exact: true }).click();
    await proposals.getByText('Godtaget').waitFor();
    await expectAccessible(page, 'proposals beside the contract form (sv)');
    await screenshot(page, 'proposals-sv');
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });

  it('a viewer sees the documents but no upload', async () => {
    const company = newCompany();
    const adminToken = await apiSignIn(company.admin);
    const viewer = await inviteUser(adminToken, ['viewer']);
    const { page, context } = await newPage(browser);
    await signIn(page, viewer);
    await openDocuments(page);
    await page.getByRole('heading', { name: 'Uploaded documents' }).waitFor();
    expect(await page.getByRole('button', { name: 'Choose file' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Upload a document' }).count()).toBe(0);
    expect(appErrors(page)).toEqual([]);
    await context.close();
  });
});
