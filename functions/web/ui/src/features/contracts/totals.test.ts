import type { ContractSummary } from './api';
import { matchesSearch, totalsByCurrency } from './totals';

function contract(id: string, currency: string, leaseLiability: string, rightOfUseAsset: string, extra: Partial<ContractSummary> = {}): ContractSummary {
  return {
    id,
    version: 1,
    status: 'active',
    name: `Contract ${id}`,
    lessor: 'Lessor plc',
    assetClass: 'premises',
    currency,
    commencementDate: '2026-01-01',
    endDate: '2035-12-31',
    payment: { amount: '100.00', frequency: 'monthly', timing: 'advance' },
    discountRate: '5',
    initialDirectCosts: '0',
    leaseIncentives: '0',
    restorationCosts: '0',
    firstIncreasedFee: '0',
    effectiveFrom: '2026-01-01',
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: 'u',
    updatedAt: '2026-01-01T00:00:00Z',
    updatedBy: 'u',
    measurement: { leaseLiability, rightOfUseAsset, periodicRate: '0.004' },
    ...extra,
  };
}

describe('totalsByCurrency', () => {
  it('adds up each currency on its own, exactly (no float drift), in currency order', () => {
    const totals = totalsByCurrency([
      contract('1', 'SEK', '355391.08', '420391.08'),
      contract('2', 'EUR', '0.10', '0.20'),
      contract('3', 'SEK', '0.01', '0.02'),
      contract('4', 'EUR', '0.20', '0.10'),
    ]);
    expect(totals).toEqual([
      { currency: 'EUR', contracts: 2, leaseLiability: '0.30', rightOfUseAsset: '0.30' },
      { currency: 'SEK', contracts: 2, leaseLiability: '355391.09', rightOfUseAsset: '420391.10' },
    ]);
  });

  it('counts a contract without a measurement as 0 and has no rows for no contracts', () => {
    expect(totalsByCurrency([contract('1', 'NOK', '1', '1', { measurement: undefined })])).toEqual([
      { currency: 'NOK', contracts: 1, leaseLiability: '0.00', rightOfUseAsset: '0.00' },
    ]);
    expect(totalsByCurrency([])).toEqual([]);
  });
});

describe('matchesSearch', () => {
  const office = contract('1', 'SEK', '1', '1', { name: 'Office floor', reference: 'LA-2026-001', lessor: 'Fastighets AB Exempel' });
  it('finds a contract by name, reference or lessor, ignoring case', () => {
    expect(matchesSearch(office, 'office')).toBe(true);
    expect(matchesSearch(office, 'la-2026')).toBe(true);
    expect(matchesSearch(office, 'FASTIGHETS')).toBe(true);
    expect(matchesSearch(office, '  ')).toBe(true);
    expect(matchesSearch(office, 'premises')).toBe(false);
  });
});
