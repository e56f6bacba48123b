import type { Contract } from './api';
import { contractToFormValues, emptyContractForm, formFieldName, normalizeDecimal, toCreateBody, toPatchBody, type ContractFormValues } from './formModel';

function ie13(): ContractFormValues {
  return {
    ...emptyContractForm(),
    name: ' IFRS 16 IE 13 office ',
    reference: 'IE13',
    lessor: 'Lessor plc',
    assetClass: 'premises',
    currency: 'sek',
    commencementDate: '2026-01-01',
    endDate: '2035-12-31',
    payment: { amount: '50 000,00', frequency: 'annual', timing: 'advance', steps: [] },
    discountRate: '5,0',
    initialDirectCosts: '20000',
    leaseIncentives: '5000',
    restorationCosts: '',
    firstIncreasedFee: '',
  };
}

const stored: Contract = {
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
  payment: { amount: '50000.00', frequency: 'annual', timing: 'advance', steps: [{ from: '2031-01-01', amount: '52000.00' }] },
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
  measurement: { leaseLiability: '362514.83', rightOfUseAsset: '427514.83', periodicRate: '0.05' },
  versions: [{ version: 1, effectiveFrom: '2026-01-01', reason: null, createdAt: '2026-01-15T09:30:12.345Z', createdBy: 'u1' }],
};

describe('normalizeDecimal', () => {
  it('reads Swedish and English ways of typing a number as the API decimal', () => {
    expect(normalizeDecimal('50 000,00')).toBe('50000.00');
    expect(normalizeDecimal('50\u00a0000,5')).toBe('50000.5');
    expect(normalizeDecimal('\u202f1 234.56 ')).toBe('1234.56');
    expect(normalizeDecimal('5,0')).toBe('5.0');
    // A comma next to a point is not guessed at: the form refuses the text.
    expect(normalizeDecimal('50,000.00')).toBe('50,000.00');
  });
});

describe('toCreateBody', () => {
  it('maps the form to the POST body: trimmed texts, API decimals, upper-case currency, empty optional fields left out', () => {
    expect(toCreateBody(ie13())).toEqual({
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
    });
  });

  it('sends payment steps and an exemption when given', () => {
    const values = ie13();
    values.payment.steps = [{ from: '2031-01-01', amount: '52 000' }];
    values.exemption = 'lowValue';
    values.reference = '  ';
    const body = toCreateBody(values);
    expect(body.payment.steps).toEqual([{ from: '2031-01-01', amount: '52000' }]);
    expect(body.exemption).toBe('lowValue');
    expect(body).not.toHaveProperty('reference');
  });
});

describe('toPatchBody', () => {
  const initial = contractToFormValues(stored);

  it('sends only what changed, with effectiveFrom and reason', () => {
    const values: ContractFormValues = { ...initial, discountRate: '6,0', effectiveFrom: '2028-01-01', reason: ' Rate reassessed ' };
    expect(toPatchBody(initial, values)).toEqual({ discountRate: '6.0', effectiveFrom: '2028-01-01', reason: 'Rate reassessed' });
  });

  it('merges a payment change field by field and treats equal numbers as unchanged', () => {
    const values: ContractFormValues = {
      ...initial,
      payment: { ...initial.payment, amount: '54 000,00' },
      initialDirectCosts: '20000.00',
      effectiveFrom: '2028-01-01',
      reason: 'CPI',
    };
    expect(toPatchBody(initial, values)).toEqual({ payment: { amount: '54000.00' }, effectiveFrom: '2028-01-01', reason: 'CPI' });
  });

  it('replaces the steps as a whole and removes emptied optional fields with null', () => {
    const values: ContractFormValues = {
      ...initial,
      reference: '',
      leaseIncentives: '',
      payment: { ...initial.payment, steps: [] },
      effectiveFrom: '2028-01-01',
      reason: 'Renegotiated',
    };
    expect(toPatchBody(initial, values)).toEqual({
      reference: null,
      leaseIncentives: null,
      payment: { steps: null },
      effectiveFrom: '2028-01-01',
      reason: 'Renegotiated',
    });
    const moved: ContractFormValues = {
      ...initial,
      payment: { ...initial.payment, steps: [{ from: '2032-01-01', amount: '52000.00' }] },
      effectiveFrom: '2028-01-01',
      reason: 'Step moved',
    };
    expect(toPatchBody(initial, moved)?.payment).toEqual({ steps: [{ from: '2032-01-01', amount: '52000.00' }] });
  });

  it('is null when no contract field changed (the API refuses a change of nothing)', () => {
    expect(toPatchBody(initial, { ...initial, name: 'IFRS 16 IE 13 office ', effectiveFrom: '2028-01-01', reason: 'x' })).toBeNull();
  });
});

describe('formFieldName', () => {
  it('turns the API field paths into form field names', () => {
    expect(formFieldName('payment.steps[1].from')).toBe('payment.steps.1.from');
    expect(formFieldName('endDate')).toBe('endDate');
  });
});
