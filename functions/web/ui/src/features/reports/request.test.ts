import {
  companyFramework,
  defaultReportForm,
  isSettled,
  lastClosedQuarter,
  periodLimit,
  reportRequestBody,
  reportsPollInterval,
  type CompanySettings,
} from './request';

const settings = {
  name: 'Test AB',
  rateConvention: 'effective',
  accountingFramework: 'k3',
  k3LeaseTreatment: 'finance',
  creditSpread: '0',
  reportingCurrency: 'EUR',
  version: 1,
} as CompanySettings;

describe('the last closed quarter', () => {
  it.each([
    ['2026-11-29', '2026-07-01', '2026-09-30'],
    ['2026-10-01', '2026-07-01', '2026-09-30'],
    ['2026-09-30', '2026-04-01', '2026-06-30'],
    ['2026-04-15', '2026-01-01', '2026-03-31'],
    ['2026-01-01', '2025-10-01', '2025-12-31'],
    ['2026-03-31', '2025-10-01', '2025-12-31'],
    ['2024-05-20', '2024-01-01', '2024-03-31'],
  ])('on %s is %s – %s', (today, periodStart, periodEnd) => {
    expect(lastClosedQuarter(new Date(`${today}T12:00:00Z`))).toEqual({ periodStart, periodEnd });
  });
});

describe('the framework the company setting means', () => {
  it('is IFRS 16 for an IFRS 16 company, whatever its K3 treatment says', () => {
    expect(companyFramework({ accountingFramework: 'ifrs16', k3LeaseTreatment: 'finance' })).toBe('ifrs16');
  });
  it('is K3 with the company treatment of leases', () => {
    expect(companyFramework({ accountingFramework: 'k3', k3LeaseTreatment: 'operating' })).toBe('k3-operating');
    expect(companyFramework({ accountingFramework: 'k3', k3LeaseTreatment: 'finance' })).toBe('k3-finance');
  });
});

describe('the request form', () => {
  it('starts with the last closed quarter, the company framework and currency, XLSX, all contracts', () => {
    expect(defaultReportForm(new Date('2026-11-29T08:00:00Z'), 'sv', settings)).toEqual({
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      format: 'xlsx',
      language: 'sv',
      framework: 'k3-finance',
      reportingCurrency: 'EUR',
      scope: 'all',
      contractIds: [],
    });
  });

  it('leaves framework and currency to the company when its settings could not be read', () => {
    const values = defaultReportForm(new Date('2026-11-29T08:00:00Z'), 'en', undefined);
    expect(values.framework).toBe('');
    expect(values.reportingCurrency).toBe('');
    expect(reportRequestBody(values)).toEqual({
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      format: 'xlsx',
      language: 'en',
    });
  });
});

describe('the body of POST /reports', () => {
  const values = { ...defaultReportForm(new Date('2026-11-29T08:00:00Z'), 'fi', settings) };

  it('names every choice the user made, the currency upper-cased and trimmed', () => {
    expect(reportRequestBody({ ...values, format: 'json', reportingCurrency: ' nok ' })).toEqual({
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      format: 'json',
      language: 'fi',
      framework: 'k3-finance',
      reportingCurrency: 'NOK',
    });
  });

  it('sends the chosen contracts only when the user limits the report to them, each once', () => {
    const chosen = { ...values, scope: 'chosen' as const, contractIds: ['a', 'b', 'a'] };
    expect(reportRequestBody(chosen).contractIds).toEqual(['a', 'b']);
    expect(reportRequestBody({ ...chosen, scope: 'all' })).not.toHaveProperty('contractIds');
  });
});

describe('polling the report list', () => {
  it('stops once every report is finished or failed', () => {
    expect(reportsPollInterval([{ status: 'finished' }, { status: 'failed' }])).toBe(false);
    expect(reportsPollInterval([])).toBe(false);
    expect(reportsPollInterval(undefined)).toBe(false);
  });

  it('goes on while any report is pending or processing', () => {
    expect(reportsPollInterval([{ status: 'finished' }, { status: 'pending' }])).toBe(2000);
    expect(reportsPollInterval([{ status: 'processing' }])).toBe(2000);
  });

  it('knows which states are final', () => {
    expect(['pending', 'processing', 'finished', 'failed'].filter((s) => isSettled(s as never))).toEqual(['finished', 'failed']);
  });
});

describe('the longest period', () => {
  it('ends before the same day a year later', () => {
    expect(periodLimit('2026-01-01')).toBe('2027-01-01');
    expect(periodLimit('2024-02-29')).toBe('2025-03-01');
  });
});
