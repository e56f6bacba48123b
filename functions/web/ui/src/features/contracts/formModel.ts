import Big from 'big.js';
import { z } from 'zod';
import type { AssetClass, Contract, ContractInput, ContractPatch, Exemption, Frequency, Timing } from './api';

/**
 * The contract form's values: every field a text as the user typed it, nested like the API's
 * body (`payment.amount`), so an API field path is a form field path (`payment.steps[1].from` →
 * `payment.steps.1.from`).
 */
export interface ContractFormValues {
  name: string;
  reference: string;
  lessor: string;
  assetClass: AssetClass | '';
  currency: string;
  commencementDate: string;
  endDate: string;
  payment: {
    amount: string;
    frequency: Frequency | '';
    timing: Timing | '';
    steps: { from: string; amount: string }[];
  };
  discountRate: string;
  initialDirectCosts: string;
  leaseIncentives: string;
  restorationCosts: string;
  firstIncreasedFee: string;
  exemption: Exemption | '';
  /** Edit only: the new version applies from this date. */
  effectiveFrom: string;
  /** Edit only: why the contract changes (kept with the version and in the audit log). */
  reason: string;
}

export const COST_FIELDS = ['initialDirectCosts', 'leaseIncentives', 'restorationCosts', 'firstIncreasedFee'] as const;

export function emptyContractForm(): ContractFormValues {
  return {
    name: '',
    reference: '',
    lessor: '',
    assetClass: '',
    currency: 'SEK',
    commencementDate: '',
    endDate: '',
    payment: { amount: '', frequency: '', timing: '', steps: [] },
    discountRate: '',
    initialDirectCosts: '',
    leaseIncentives: '',
    restorationCosts: '',
    firstIncreasedFee: '',
    exemption: '',
    effectiveFrom: '',
    reason: '',
  };
}

/** The form's values for changing `contract` (its current version). */
export function contractToFormValues(contract: Contract): ContractFormValues {
  return {
    name: contract.name,
    reference: contract.reference ?? '',
    lessor: contract.lessor,
    assetClass: contract.assetClass,
    currency: contract.currency,
    commencementDate: contract.commencementDate,
    endDate: contract.endDate,
    payment: {
      amount: contract.payment.amount,
      frequency: contract.payment.frequency,
      timing: contract.payment.timing,
      steps: (contract.payment.steps ?? []).map((step) => ({ from: step.from, amount: step.amount })),
    },
    discountRate: contract.discountRate,
    initialDirectCosts: contract.initialDirectCosts,
    leaseIncentives: contract.leaseIncentives,
    restorationCosts: contract.restorationCosts,
    firstIncreasedFee: contract.firstIncreasedFee,
    exemption: contract.exemption ?? '',
    effectiveFrom: '',
    reason: '',
  };
}

/**
 * A number as typed, in the API's form: spaces (thousands separators, also the narrow no-break
 * space Swedish uses) dropped and a decimal comma made a point, so "50 000,00" is "50000.00".
 */
export function normalizeDecimal(typed: string): string {
  const compact = typed.trim().replace(/[\s\u00a0\u202f]/g, '');
  return compact.includes(',') && !compact.includes('.') ? compact.replace(',', '.') : compact;
}

const AMOUNT = /^\+?[0-9]{1,12}(\.[0-9]{1,2})?$/;
const RATE = /^\+?[0-9]{1,3}(\.[0-9]{1,6})?$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const CURRENCY = /^[A-Za-z]{3}$/;

type Translate = (key: string) => string;

/**
 * What the browser checks before sending: required fields and the shape of numbers, dates and
 * the currency. The rules (end before commencement, steps inside the term, the rate's range, a
 * known currency) are the API's: it answers them per field and the form shows its messages.
 */
export function contractFormSchema(t: Translate, mode: 'create' | 'edit') {
  const required = z.string().trim().min(1, t('validation.required'));
  const optionalText = z.string();
  const date = z.string().regex(DATE, t('validation.date'));
  const amount = required.refine((value) => AMOUNT.test(normalizeDecimal(value)), t('validation.amount'));
  const positiveAmount = amount.refine((value) => /[1-9]/.test(normalizeDecimal(value)), t('validation.positive'));
  const optionalAmount = optionalText.refine(
    (value) => value.trim() === '' || AMOUNT.test(normalizeDecimal(value)),
    t('validation.amount'),
  );
  const choice = z.string().min(1, t('validation.choose'));
  const changeOnly = (schema: z.ZodType<string>) => (mode === 'edit' ? schema : optionalText);
  return z.object({
    name: required,
    reference: optionalText,
    lessor: required,
    assetClass: choice,
    currency: required.refine((value) => CURRENCY.test(value.trim()), t('validation.currency')),
    commencementDate: date,
    endDate: date,
    payment: z.object({
      amount: positiveAmount,
      frequency: choice,
      timing: choice,
      steps: z.array(z.object({ from: date, amount: positiveAmount })),
    }),
    discountRate: required.refine((value) => RATE.test(normalizeDecimal(value)), t('validation.rate')),
    initialDirectCosts: optionalAmount,
    leaseIncentives: optionalAmount,
    restorationCosts: optionalAmount,
    firstIncreasedFee: optionalAmount,
    exemption: optionalText,
    effectiveFrom: changeOnly(date),
    reason: changeOnly(required),
  });
}

/** The body of POST /contracts: optional fields left empty are left out (the API defaults them). */
export function toCreateBody(values: ContractFormValues): ContractInput {
  const body: ContractInput = {
    name: values.name.trim(),
    lessor: values.lessor.trim(),
    assetClass: values.assetClass as AssetClass,
    currency: values.currency.trim().toUpperCase(),
    commencementDate: values.commencementDate,
    endDate: values.endDate,
    payment: {
      amount: normalizeDecimal(values.payment.amount),
      frequency: values.payment.frequency as Frequency,
      timing: values.payment.timing as Timing,
    },
    discountRate: normalizeDecimal(values.discountRate),
  };
  if (values.reference.trim()) body.reference = values.reference.trim();
  if (values.payment.steps.length > 0) body.payment.steps = stepsBody(values.payment.steps);
  for (const field of COST_FIELDS) {
    if (values[field].trim()) body[field] = normalizeDecimal(values[field]);
  }
  if (values.exemption) body.exemption = values.exemption;
  return body;
}

function stepsBody(steps: ContractFormValues['payment']['steps']) {
  return steps.map((step) => ({ from: step.from, amount: normalizeDecimal(step.amount) }));
}

/** Equal as numbers ("20000" and "20000.00"); as text when either is not a number. */
function sameDecimal(a: string, b: string): boolean {
  const left = normalizeDecimal(a);
  const right = normalizeDecimal(b);
  if (left === '' || right === '') return left === right;
  try {
    return new Big(left).eq(new Big(right));
  } catch {
    return left === right;
  }
}

function sameSteps(a: ContractFormValues['payment']['steps'], b: ContractFormValues['payment']['steps']): boolean {
  return a.length === b.length && a.every((step, i) => step.from === b[i]?.from && sameDecimal(step.amount, b[i]?.amount ?? ''));
}

/**
 * The body of PATCH /contracts/{id} (JSON merge patch): only what changed from `initial`, plus
 * `effectiveFrom` and `reason`. An emptied optional field is `null` (the API removes it; costs
 * revert to 0). Returns null when no contract field changed (the API would refuse it).
 */
export function toPatchBody(initial: ContractFormValues, values: ContractFormValues): ContractPatch | null {
  const body: ContractPatch = { effectiveFrom: values.effectiveFrom, reason: values.reason.trim() };
  let changed = false;
  const set = <K extends keyof ContractPatch>(key: K, value: ContractPatch[K]) => {
    body[key] = value;
    changed = true;
  };
  for (const field of ['name', 'lessor'] as const) {
    if (values[field].trim() !== initial[field].trim()) set(field, values[field].trim());
  }
  if (values.reference.trim() !== initial.reference.trim()) set('reference', values.reference.trim() || null);
  if (values.assetClass !== initial.assetClass) set('assetClass', values.assetClass as AssetClass);
  const currency = values.currency.trim().toUpperCase();
  if (currency !== initial.currency.trim().toUpperCase()) set('currency', currency);
  if (values.commencementDate !== initial.commencementDate) set('commencementDate', values.commencementDate);
  if (values.endDate !== initial.endDate) set('endDate', values.endDate);

  const payment: NonNullable<ContractPatch['payment']> = {};
  if (!sameDecimal(values.payment.amount, initial.payment.amount)) payment.amount = normalizeDecimal(values.payment.amount);
  if (values.payment.frequency !== initial.payment.frequency) payment.frequency = values.payment.frequency as Frequency;
  if (values.payment.timing !== initial.payment.timing) payment.timing = values.payment.timing as Timing;
  if (!sameSteps(values.payment.steps, initial.payment.steps)) {
    payment.steps = values.payment.steps.length > 0 ? stepsBody(values.payment.steps) : null;
  }
  if (Object.keys(payment).length > 0) set('payment', payment);

  if (!sameDecimal(values.discountRate, initial.discountRate)) set('discountRate', normalizeDecimal(values.discountRate));
  for (const field of COST_FIELDS) {
    if (!sameDecimal(values[field], initial[field])) set(field, values[field].trim() ? normalizeDecimal(values[field]) : null);
  }
  if (values.exemption !== initial.exemption) set('exemption', values.exemption || null);
  return changed ? body : null;
}

/** An API field path (`payment.steps[1].from`) as the form's field name (`payment.steps.1.from`). */
export function formFieldName(apiField: string): string {
  return apiField.replace(/\[(\d+)\]/g, '.$1');
}
