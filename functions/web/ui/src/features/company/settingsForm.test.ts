import type { CompanySettings } from './api';
import { settingsPatch, settingsSchema, toSettingsValues } from './settingsForm';

const current: CompanySettings = {
  name: 'Demo AB',
  rateConvention: 'effective',
  accountingFramework: 'ifrs16',
  k3LeaseTreatment: 'operating',
  mfaRequired: false,
  creditSpread: '0',
  reportingCurrency: 'SEK',
  accounts: {
    rightOfUseAsset: '1260',
    accumulatedDepreciation: '1269',
    leaseLiabilityNonCurrent: '2390',
    leaseLiabilityCurrent: '2890',
    depreciation: '7830',
    interest: '8410',
    leaseExpense: '5010',
    remeasurementGain: '3970',
    remeasurementLoss: '7970',
    payments: '2440',
    fxDifference: '8430',
  },
  version: 4,
};

describe('the settings PATCH body', () => {
  it('is nothing to send when no field changed', () => {
    expect(settingsPatch(current, toSettingsValues(current), 'why')).toBeNull();
  });

  it('holds only the changed fields and the reason', () => {
    const values = { ...toSettingsValues(current), accountingFramework: 'k3' as const, creditSpread: '1.75', mfaRequired: true };
    expect(settingsPatch(current, values, 'K3 from 2027')).toEqual({
      accountingFramework: 'k3',
      creditSpread: '1.75',
      mfaRequired: true,
      reason: 'K3 from 2027',
    });
  });

  it('sends only the accounts that changed (the API keeps the others)', () => {
    const values = toSettingsValues(current);
    values.accounts = { ...values.accounts, interest: ' 8411 ', payments: '2440' };
    expect(settingsPatch(current, values, 'new chart')).toEqual({ accounts: { interest: '8411' }, reason: 'new chart' });
  });

  it('treats the same number written differently as no change, and trims the name', () => {
    const values = { ...toSettingsValues({ ...current, creditSpread: '1.5' }), creditSpread: '1.50', name: ' Demo AB ' };
    expect(settingsPatch({ ...current, creditSpread: '1.5' }, values, 'r')).toBeNull();
    expect(settingsPatch(current, { ...values, name: 'Demo Holding AB' }, 'r')).toMatchObject({ name: 'Demo Holding AB', creditSpread: '1.50' });
  });

  it('starts from SEK and empty accounts when the API has none yet', () => {
    const bare: CompanySettings = { ...current, reportingCurrency: undefined, accounts: undefined, mfaRequired: undefined };
    const values = toSettingsValues(bare);
    expect(values.reportingCurrency).toBe('SEK');
    expect(values.mfaRequired).toBe(false);
    expect(values.accounts.interest).toBe('');
  });

  it('refuses a credit spread above 20, more than four decimals, a lower-case currency and a bad account code', () => {
    const good = toSettingsValues(current);
    expect(settingsSchema.safeParse(good).success).toBe(true);
    expect(settingsSchema.safeParse({ ...good, creditSpread: '20' }).success).toBe(true);
    expect(settingsSchema.safeParse({ ...good, creditSpread: '20.0001' }).success).toBe(false);
    expect(settingsSchema.safeParse({ ...good, creditSpread: '1.23456' }).success).toBe(false);
    expect(settingsSchema.safeParse({ ...good, reportingCurrency: 'sek' }).success).toBe(false);
    expect(settingsSchema.safeParse({ ...good, accounts: { ...good.accounts, interest: '84 10' } }).success).toBe(false);
  });
});
