import type { TFunction } from 'i18next';
import { formatDate, formatMoney } from '@/lib/format';
import { CONTRACT_FIELD_NAMES } from '@/lib/contractFields';
import { INTL_LOCALE, currentLanguage } from '@/lib/i18n';

/** Below this confidence (percent) a proposal is flagged for a careful look. */
export const LOW_CONFIDENCE = 80;

/** Contract fields first in the form's order, then the others by name. */
export function byFormOrder(a: string, b: string): number {
  const rank = (name: string) => {
    const index = (CONTRACT_FIELD_NAMES as readonly string[]).indexOf(name);
    return index === -1 ? CONTRACT_FIELD_NAMES.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** The catalogue key of a field's label (i18next reads dots as nesting: `payment.amount` → `payment_amount`). */
function fieldKey(name: string): string {
  return name.replace(/\./g, '_');
}

export function fieldLabel(t: TFunction<'documents'>, name: string): string {
  return t(`fields.${fieldKey(name)}`, { defaultValue: name });
}

const DURATION_UNITS = { Y: 'year', M: 'month', W: 'week', D: 'day' } as const;

/** An ISO 8601 duration of one unit (`P9M`) in words of the UI's language; anything else as written. */
function formatDuration(value: string): string {
  const match = /^P(\d+)([YMWD])$/.exec(value);
  if (!match) return value;
  const [, amount, unit] = match as unknown as [string, string, keyof typeof DURATION_UNITS];
  return new Intl.NumberFormat(INTL_LOCALE[currentLanguage()], {
    style: 'unit',
    unit: DURATION_UNITS[unit],
    unitDisplay: 'long',
  }).format(Number(amount));
}

/** A proposed value as the user reads it: dates, amounts and codes in the UI's language. */
export function formatProposal(t: TFunction<'documents'>, name: string, value: string): string {
  switch (name) {
    case 'commencementDate':
    case 'endDate':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value;
    case 'payment.amount':
      return /^-?\d+(\.\d+)?$/.test(value) ? formatMoney(value) : value;
    case 'payment.frequency':
      return t(`frequency.${value}`, { defaultValue: value });
    case 'payment.timing':
      return t(`timing.${value}`, { defaultValue: value });
    case 'noticePeriod':
      return formatDuration(value);
    default:
      return value;
  }
}

/** A confidence (0–100) as a whole percentage in the UI's locale. */
export function formatConfidence(confidence: number): string {
  return new Intl.NumberFormat(INTL_LOCALE[currentLanguage()], { style: 'percent', maximumFractionDigits: 0 }).format(
    confidence / 100,
  );
}

/** A file size in kB or MB in the UI's locale. */
export function formatSize(bytes: number): string {
  const locale = INTL_LOCALE[currentLanguage()];
  if (bytes < 1024 * 1024) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
      Math.max(1, Math.round(bytes / 1024)),
    );
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(
    bytes / (1024 * 1024),
  );
}
