import type { components } from '@/api/schema';
import { LANGUAGES, type Language } from '@/lib/i18n';

export type Report = components['schemas']['Report'];
export type ReportInput = components['schemas']['ReportInput'];
export type ReportFormat = components['schemas']['ReportFormat'];
export type ReportFramework = components['schemas']['ReportFramework'];
export type ReportStatus = Report['status'];
export type CompanySettings = components['schemas']['CompanySettings'];

/** The API's enums, in the order the form offers them. */
export const REPORT_FORMATS = ['xlsx', 'csv', 'json'] as const satisfies readonly ReportFormat[];
export const REPORT_FRAMEWORKS = ['ifrs16', 'k3-operating', 'k3-finance'] as const satisfies readonly ReportFramework[];
export const REPORT_LANGUAGES: readonly Language[] = LANGUAGES;

/** What the request form holds (strings as the inputs give them). */
export interface ReportFormValues {
  periodStart: string;
  periodEnd: string;
  format: ReportFormat;
  language: Language;
  /** Empty: the company's setting (the API's default). */
  framework: ReportFramework | '';
  /** Empty: the company's reporting currency (the API's default). */
  reportingCurrency: string;
  scope: 'all' | 'chosen';
  contractIds: string[];
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The last quarter that has ended on `today` (UTC): what a report is usually ordered for.
 * On 2026-11-29 that is 2026-07-01 – 2026-09-30; on 2026-01-01 it is the previous year's Q4.
 */
export function lastClosedQuarter(today: Date): { periodStart: string; periodEnd: string } {
  const year = today.getUTCFullYear();
  const currentQuarterStartMonth = Math.floor(today.getUTCMonth() / 3) * 3;
  const start = new Date(Date.UTC(year, currentQuarterStartMonth - 3, 1));
  const end = new Date(Date.UTC(year, currentQuarterStartMonth, 0));
  return { periodStart: isoDay(start), periodEnd: isoDay(end) };
}

/** The report framework the company's accounting policy means (its setting decides the default). */
export function companyFramework(settings: Pick<CompanySettings, 'accountingFramework' | 'k3LeaseTreatment'>): ReportFramework {
  if (settings.accountingFramework === 'ifrs16') return 'ifrs16';
  return settings.k3LeaseTreatment === 'finance' ? 'k3-finance' : 'k3-operating';
}

/** The form's first values: the last closed quarter, the company's framework and currency, XLSX. */
export function defaultReportForm(
  today: Date,
  language: Language,
  settings: CompanySettings | undefined,
): ReportFormValues {
  return {
    ...lastClosedQuarter(today),
    format: 'xlsx',
    language,
    framework: settings ? companyFramework(settings) : '',
    reportingCurrency: settings?.reportingCurrency ?? '',
    scope: 'all',
    contractIds: [],
  };
}

/** The body of `POST /reports`: what the user left to the company's settings is left out. */
export function reportRequestBody(values: ReportFormValues): ReportInput {
  const body: ReportInput = {
    periodStart: values.periodStart,
    periodEnd: values.periodEnd,
    format: values.format,
    language: values.language,
  };
  if (values.framework) body.framework = values.framework;
  const currency = values.reportingCurrency.trim().toUpperCase();
  if (currency) body.reportingCurrency = currency;
  if (values.scope === 'chosen') body.contractIds = [...new Set(values.contractIds)];
  return body;
}

/** A report in this state will not change any more: polling it is over. */
export function isSettled(status: ReportStatus): boolean {
  return status === 'finished' || status === 'failed';
}

/** How often to ask again for the list: every 2 s while a report is still being built, else never. */
export function reportsPollInterval(reports: readonly Pick<Report, 'status'>[] | undefined): number | false {
  return reports?.some((report) => !isSettled(report.status)) ? 2000 : false;
}

/** The first day that is too late for a period starting on `periodStart` (12 months later). */
export function periodLimit(periodStart: string): string {
  const [y, m, d] = periodStart.split('-').map(Number);
  return isoDay(new Date(Date.UTC((y ?? 0) + 1, (m ?? 1) - 1, d ?? 1)));
}
