import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { api } from '@/lib/api';
import { ProblemError } from '@/lib/problem';
import common from '@/locales/en/common.json';
import contracts from '@/locales/en/contracts.json';
import type { Contract } from '../api';
import { contractToFormValues } from '../formModel';
import { ContractForm, type ContractFormProps } from './ContractForm';

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'en',
    resources: { en: { common, contracts } },
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const saved: Contract = {
  id: 'c1',
  version: 1,
  status: 'active',
  name: 'IFRS 16 IE 13 office',
  reference: 'IE13',
  lessor: 'Lessor plc',
  assetClass: 'premises',
  currency: 'SEK',
  commencementDate: '2026-01-01',
  endDate: '2035-12-31',
  payment: { amount: '50000.00', frequency: 'annual', timing: 'advance' },
  discountRate: '5.0',
  initialDirectCosts: '20000',
  leaseIncentives: '5000',
  restorationCosts: '0',
  firstIncreasedFee: '0',
  effectiveFrom: '2026-01-01',
  createdAt: '2026-01-15T09:30:12.345Z',
  createdBy: 'u1',
  updatedAt: '2026-01-15T09:30:12.345Z',
  updatedBy: 'u1',
  measurement: { leaseLiability: '355391.08', rightOfUseAsset: '420391.08', periodicRate: '0.05' },
  versions: [{ version: 1, effectiveFrom: '2026-01-01', reason: null, createdAt: '2026-01-15T09:30:12.345Z', createdBy: 'u1' }],
};

/** An answer as openapi-fetch gives it. */
function answer(status: number, data?: unknown, etag?: string) {
  return {
    data: status < 400 ? data : undefined,
    error: status < 400 ? undefined : data,
    response: new Response(null, { status, headers: etag ? { ETag: etag } : {} }),
  } as never;
}

function renderForm(props: Partial<ContractFormProps> = {}) {
  const onSaved = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ContractForm mode="create" onSaved={onSaved} {...props} />
    </QueryClientProvider>,
  );
  return { onSaved, user: userEvent.setup({ delay: null }) };
}

async function fillIe13(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Name'), 'IFRS 16 IE 13 office');
  await user.type(screen.getByLabelText('Lessor'), 'Lessor plc');
  await user.selectOptions(screen.getByLabelText('Asset class'), 'premises');
  await user.type(screen.getByLabelText('Commencement date'), '2026-01-01');
  await user.type(screen.getByLabelText('End date'), '2035-12-31');
  await user.type(screen.getByLabelText('Payment amount'), '50 000,00');
  await user.selectOptions(screen.getByLabelText('Payment frequency'), 'annual');
  await user.selectOptions(screen.getByLabelText('Payment timing'), 'advance');
  await user.type(screen.getByLabelText('Discount rate (% a year)'), '5.0');
}

/** The error shown beside the control labelled `label` (tied to it by aria-describedby). */
function errorBeside(label: string): string | undefined {
  const control = screen.getByLabelText(label);
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'));
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ') || undefined;
}

// Typing a whole contract takes a few seconds on a busy machine.
describe('ContractForm', { timeout: 30_000 }, () => {
  it('checks the obvious in the browser and sends nothing while it is wrong', async () => {
    const post = vi.spyOn(api, 'POST');
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Payment amount'), '12.345');
    await user.click(screen.getByRole('button', { name: 'Create contract' }));
    await waitFor(() => expect(errorBeside('Name')).toBe('Required.'));
    expect(errorBeside('Payment amount')).toBe('Enter an amount with at most two decimals, e.g. 50000.00.');
    expect(errorBeside('Asset class')).toBe('Choose one.');
    expect(errorBeside('Commencement date')).toBe('Enter a date.');
    expect(errorBeside('Reference')).toBeUndefined();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(post).not.toHaveBeenCalled();
  });

  it('creates the contract with the API body and hands the answer to onSaved', async () => {
    const post = vi.spyOn(api, 'POST').mockResolvedValue(answer(201, saved, '"1"'));
    const { user, onSaved } = renderForm();
    await fillIe13(user);
    await user.click(screen.getByRole('button', { name: 'Create contract' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    const [path, init] = post.mock.calls[0] as unknown as [string, { body: unknown; headers: Record<string, string> }];
    expect(path).toBe('/contracts');
    expect(init.body).toEqual({
      name: 'IFRS 16 IE 13 office',
      lessor: 'Lessor plc',
      assetClass: 'premises',
      currency: 'SEK',
      commencementDate: '2026-01-01',
      endDate: '2035-12-31',
      payment: { amount: '50000.00', frequency: 'annual', timing: 'advance' },
      discountRate: '5.0',
    });
    expect(init.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shows the API's per-field problems beside their fields, steps included, and the rest in a list", async () => {
    const problem = {
      type: '/problems/validation-failed',
      title: 'Validation failed',
      status: 422,
      detail: 'The contract has 3 problems.',
      errors: [
        { field: 'endDate', message: 'must not be before the commencement date' },
        { field: 'payment.steps[0].from', message: 'must lie inside the lease term' },
        { field: '(body)', message: 'something about the whole body' },
      ],
    };
    vi.spyOn(api, 'POST').mockResolvedValue(answer(422, problem));
    const { user, onSaved } = renderForm();
    await fillIe13(user);
    await user.click(screen.getByRole('button', { name: 'Add a payment step' }));
    await user.type(screen.getByLabelText('Step 1: from'), '2040-01-01');
    await user.type(screen.getByLabelText('Step 1: amount'), '52000');
    await user.click(screen.getByRole('button', { name: 'Create contract' }));
    await waitFor(() => expect(errorBeside('End date')).toBe('must not be before the commencement date'));
    expect(errorBeside('Step 1: from')).toBe('must lie inside the lease term');
    expect(screen.getByText('Validation failed')).toBeInTheDocument();
    expect(screen.getByText(/something about the whole body/)).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
    // The API's message goes once the field is fixed and the form sent again.
    vi.spyOn(api, 'POST').mockResolvedValue(answer(201, saved, '"1"'));
    await user.click(screen.getByRole('button', { name: 'Create contract' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(errorBeside('End date')).toBeUndefined();
  });

  it('sends a change as PATCH with only the changed fields, effectiveFrom, reason and If-Match', async () => {
    const patch = vi.spyOn(api, 'PATCH').mockResolvedValue(answer(200, { ...saved, version: 2 }, '"2"'));
    const { user, onSaved } = renderForm({ mode: 'edit', contractId: 'c1', etag: '"1"', initialValues: contractToFormValues(saved) });
    expect(screen.getByText('Suggest a discount rate')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Discount rate (% a year)'));
    await user.type(screen.getByLabelText('Discount rate (% a year)'), '6,25');
    await user.click(screen.getByRole('button', { name: 'Save new version' }));
    await waitFor(() => expect(errorBeside('Effective from')).toBe('Enter a date.'));
    expect(errorBeside('Reason for the change')).toBe('Required.');
    expect(patch).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Effective from'), '2028-01-01');
    await user.type(screen.getByLabelText('Reason for the change'), 'Rate reassessed');
    await user.click(screen.getByRole('button', { name: 'Save new version' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ ...saved, version: 2 }));
    const [path, init] = patch.mock.calls[0] as unknown as [string, { params: { path: { id: string }; header: Record<string, string> }; body: unknown }];
    expect(path).toBe('/contracts/{id}');
    expect(init.params.path.id).toBe('c1');
    expect(init.params.header['If-Match']).toBe('"1"');
    expect(init.body).toEqual({ discountRate: '6.25', effectiveFrom: '2028-01-01', reason: 'Rate reassessed' });
  });

  it('says so instead of sending a change that changes nothing', async () => {
    const patch = vi.spyOn(api, 'PATCH');
    const { user } = renderForm({ mode: 'edit', contractId: 'c1', etag: '"1"', initialValues: contractToFormValues(saved) });
    await user.type(screen.getByLabelText('Effective from'), '2028-01-01');
    await user.type(screen.getByLabelText('Reason for the change'), 'No reason');
    await user.click(screen.getByRole('button', { name: 'Save new version' }));
    await screen.findByText('Nothing has changed: change at least one contract field.');
    expect(patch).not.toHaveBeenCalled();
  });

  it('suggests a discount rate with its inputs only when asked, and "Use this rate" fills the field without saving', async () => {
    const suggestion = {
      rate: '3.95',
      inputs: {
        series: 'SEGVB2YC/SEGVB5YC',
        tenorYears: '3',
        governmentYield: '2.2',
        yieldDate: '2026-02-27',
        creditSpread: '1.75',
        yields: [
          { series: 'SEGVB2YC', tenorYears: '2', value: '2.10', source: 'riksbank' },
          { series: 'SEGVB5YC', tenorYears: '5', value: '2.40', source: 'riksbank' },
        ],
      },
    };
    const get = vi.spyOn(api, 'GET').mockResolvedValue(answer(200, suggestion));
    const patch = vi.spyOn(api, 'PATCH');
    const { user } = renderForm({ mode: 'edit', contractId: 'c1', etag: '"1"', initialValues: contractToFormValues(saved) });
    expect(get).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Suggest a discount rate' }));
    await screen.findByText('3.95 %');
    expect(get).toHaveBeenCalledWith('/contracts/{id}/ibr-suggestion', { params: { path: { id: 'c1' } } });
    expect(screen.getByText('SEGVB2YC/SEGVB5YC')).toBeInTheDocument();
    expect(screen.getByText('1.75 %')).toBeInTheDocument();
    expect(screen.getByLabelText('Discount rate (% a year)')).toHaveValue('5.0');
    await user.click(screen.getByRole('button', { name: 'Use this rate' }));
    expect(screen.getByLabelText('Discount rate (% a year)')).toHaveValue('3.95');
    expect(patch).not.toHaveBeenCalled();
  });

  it('lets the aside fill fields by their API names', async () => {
    const { user } = renderForm({
      aside: (setField) => (
        <button type="button" onClick={() => (setField('payment.amount', '50000.00'), setField('payment.frequency', 'quarterly'))}>
          Accept proposals
        </button>
      ),
    });
    await user.click(screen.getByRole('button', { name: 'Accept proposals' }));
    expect(screen.getByLabelText('Payment amount')).toHaveValue('50000.00');
    expect(screen.getByLabelText('Payment frequency')).toHaveValue('quarterly');
  });

  it('shows a failure without field problems as the API told it', async () => {
    vi.spyOn(api, 'POST').mockRejectedValue(new ProblemError({ type: '/problems/conflict', title: 'Conflict', detail: 'Settings changed: send it again.' }, 409));
    const { user } = renderForm();
    await fillIe13(user);
    await user.click(screen.getByRole('button', { name: 'Create contract' }));
    await screen.findByText('Settings changed: send it again.');
  });
});
