import Big from 'big.js';
import { INTL_LOCALE, currentLanguage } from './i18n';

function locale(): string {
  return INTL_LOCALE[currentLanguage()];
}

/**
 * A decimal string from the API as money in the UI's locale. The string goes to Intl as it is
 * (Intl formats decimal strings exactly), never through a float.
 */
export function formatMoney(amount: string | null | undefined, currency?: string): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const options: Intl.NumberFormatOptions = currency
    ? { style: 'currency', currency, currencyDisplay: 'code' }
    : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  return new Intl.NumberFormat(locale(), options).format(amount as Intl.StringNumericLiteral);
}

/** A decimal string as a plain number (rates, percentages) with up to `digits` decimals. */
export function formatDecimal(value: string | null | undefined, digits = 4): string {
  if (value === null || value === undefined || value === '') return '';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(
    value as Intl.StringNumericLiteral,
  );
}

export function formatPercent(value: string | null | undefined, digits = 4): string {
  const number = formatDecimal(value, digits);
  return number === '' ? '' : `${number} %`;
}

/** An ISO date (`YYYY-MM-DD`) in the UI's locale, without time-zone shifts. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** An RFC 3339 instant in the UI's locale and the browser's time zone. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The exact sum of decimal strings (totals of a list), as a decimal string. */
export function sumDecimals(values: Iterable<string | null | undefined>): string {
  let total = new Big(0);
  for (const value of values) if (value) total = total.plus(value);
  return total.toFixed(2);
}
