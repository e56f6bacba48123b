import { sumDecimals } from '@/lib/format';
import type { ContractSummary } from './api';

export interface CurrencyTotal {
  currency: string;
  contracts: number;
  leaseLiability: string;
  rightOfUseAsset: string;
}

/**
 * The totals of the listed contracts per currency (amounts in different currencies never add
 * up): the initial lease liability and right-of-use asset of each contract's `measurement`,
 * summed exactly as decimals. Currencies in alphabetical order.
 */
export function totalsByCurrency(contracts: readonly ContractSummary[]): CurrencyTotal[] {
  const byCurrency = new Map<string, ContractSummary[]>();
  for (const contract of contracts) {
    const group = byCurrency.get(contract.currency);
    if (group) group.push(contract);
    else byCurrency.set(contract.currency, [contract]);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, group]) => ({
      currency,
      contracts: group.length,
      leaseLiability: sumDecimals(group.map((contract) => contract.measurement?.leaseLiability)),
      rightOfUseAsset: sumDecimals(group.map((contract) => contract.measurement?.rightOfUseAsset)),
    }));
}

/** Whether `contract` matches the search box: name, reference or lessor, ignoring case. */
export function matchesSearch(contract: ContractSummary, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [contract.name, contract.reference ?? '', contract.lessor].some((text) => text.toLocaleLowerCase().includes(needle));
}
