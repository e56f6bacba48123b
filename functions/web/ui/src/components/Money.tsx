import { formatMoney } from '@/lib/format';

/** An amount (decimal string) in the UI's locale; right-aligned in tables by the `num` class. */
export function Money({ amount, currency }: { amount?: string | null; currency?: string }) {
  return <span className="num">{formatMoney(amount, currency)}</span>;
}
