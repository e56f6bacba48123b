import Big from 'big.js';
import { z } from 'zod';
import type { components } from '@/api/schema';
import type { CompanySettings, CompanySettingsPatch } from './api';

type Accounts = components['schemas']['Accounts'];
export type AccountKey = keyof Accounts;

/** The journal lines a lease books, in the order an accountant reads them. */
export const ACCOUNT_KEYS = [
  'rightOfUseAsset',
  'accumulatedDepreciation',
  'leaseLiabilityNonCurrent',
  'leaseLiabilityCurrent',
  'depreciation',
  'interest',
  'leaseExpense',
  'remeasurementGain',
  'remeasurementLoss',
  'payments',
  'fxDifference',
] as const satisfies readonly AccountKey[];

// The patterns are the API's (openapi.yaml: AccountCode, CreditSpreadInput, Currency); the API
// still decides (its 422 is shown beside the field).
const ACCOUNT_CODE = /^[A-Za-z0-9.-]{1,20}$/;
const CREDIT_SPREAD = /^\+?[0-9]{1,2}(\.[0-9]{1,4})?$/;
const CURRENCY = /^[A-Z]{3}$/;

export const settingsSchema = z.object({
  name: z.string().trim().min(1, 'settings.errors.name'),
  accountingFramework: z.enum(['ifrs16', 'k3']),
  k3LeaseTreatment: z.enum(['operating', 'finance']),
  rateConvention: z.enum(['effective', 'nominal']),
  reportingCurrency: z.string().trim().regex(CURRENCY, 'settings.errors.currency'),
  creditSpread: z
    .string()
    .trim()
    .regex(CREDIT_SPREAD, 'settings.errors.creditSpread')
    .refine((value) => !CREDIT_SPREAD.test(value) || new Big(value.replace('+', '')).lte(20), 'settings.errors.creditSpread'),
  mfaRequired: z.boolean(),
  accounts: z.object(
    Object.fromEntries(
      ACCOUNT_KEYS.map((key) => [key, z.string().trim().regex(ACCOUNT_CODE, 'settings.errors.account')]),
    ) as Record<AccountKey, z.ZodString>,
  ),
});

export type SettingsValues = z.infer<typeof settingsSchema>;

/** The form's starting values: what the API holds now. */
export function toSettingsValues(settings: CompanySettings): SettingsValues {
  return {
    name: settings.name,
    accountingFramework: settings.accountingFramework,
    k3LeaseTreatment: settings.k3LeaseTreatment,
    rateConvention: settings.rateConvention,
    reportingCurrency: settings.reportingCurrency ?? 'SEK',
    creditSpread: settings.creditSpread,
    mfaRequired: settings.mfaRequired ?? false,
    accounts: Object.fromEntries(ACCOUNT_KEYS.map((key) => [key, settings.accounts?.[key] ?? ''])) as Record<AccountKey, string>,
  };
}

function sameDecimal(a: string, b: string): boolean {
  try {
    return new Big(a.replace('+', '')).eq(new Big(b.replace('+', '')));
  } catch {
    return a === b;
  }
}

/**
 * The PATCH body: only the fields the admin changed (and, of the accounts, only the changed
 * ones: the API keeps the others), with the reason. Without a change there is nothing to send.
 */
export function settingsPatch(current: CompanySettings, values: SettingsValues, reason: string): CompanySettingsPatch | null {
  const before = toSettingsValues(current);
  const patch: Omit<CompanySettingsPatch, 'reason'> = {};
  const name = values.name.trim();
  if (name !== before.name) patch.name = name;
  if (values.accountingFramework !== before.accountingFramework) patch.accountingFramework = values.accountingFramework;
  if (values.k3LeaseTreatment !== before.k3LeaseTreatment) patch.k3LeaseTreatment = values.k3LeaseTreatment;
  if (values.rateConvention !== before.rateConvention) patch.rateConvention = values.rateConvention;
  const currency = values.reportingCurrency.trim();
  if (currency !== before.reportingCurrency) patch.reportingCurrency = currency;
  const spread = values.creditSpread.trim();
  if (!sameDecimal(spread, before.creditSpread)) patch.creditSpread = spread;
  if (values.mfaRequired !== before.mfaRequired) patch.mfaRequired = values.mfaRequired;
  const accounts: Accounts = {};
  for (const key of ACCOUNT_KEYS) {
    const code = values.accounts[key].trim();
    if (code !== before.accounts[key]) accounts[key] = code;
  }
  if (Object.keys(accounts).length > 0) patch.accounts = accounts;
  if (Object.keys(patch).length === 0) return null;
  return { ...patch, reason };
}
