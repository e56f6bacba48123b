/**
 * The contract API's field names in the contract form's order: the fields another screen may
 * fill (a document's OCR proposals use these names). Shared, because the contracts and the
 * documents features both need them and may not import each other.
 */
export const CONTRACT_FIELD_NAMES = [
  'name',
  'reference',
  'lessor',
  'assetClass',
  'currency',
  'commencementDate',
  'endDate',
  'payment.amount',
  'payment.frequency',
  'payment.timing',
  'discountRate',
  'initialDirectCosts',
  'leaseIncentives',
  'restorationCosts',
  'firstIncreasedFee',
  'exemption',
] as const;
export type ContractFieldName = (typeof CONTRACT_FIELD_NAMES)[number];

export function isContractFieldName(name: string): name is ContractFieldName {
  return (CONTRACT_FIELD_NAMES as readonly string[]).includes(name);
}
