import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { LANGUAGES } from '@/lib/i18n';
import { fieldErrors, ProblemError } from '@/lib/problem';
import { useReportableContracts, useRequestReport } from './api';
import {
  periodLimit,
  REPORT_FORMATS,
  REPORT_FRAMEWORKS,
  reportRequestBody,
  type ReportFormValues,
} from './request';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

// Messages are catalogue keys (namespace `reports`), translated where they are shown.
const schema = z
  .object({
    periodStart: z.string().regex(ISO_DAY, 'form.errors.date'),
    periodEnd: z.string().regex(ISO_DAY, 'form.errors.date'),
    format: z.enum(REPORT_FORMATS),
    language: z.enum(LANGUAGES),
    framework: z.union([z.enum(REPORT_FRAMEWORKS), z.literal('')]),
    reportingCurrency: z.string().trim().regex(/^([A-Za-z]{3})?$/, 'form.errors.currency'),
    scope: z.enum(['all', 'chosen']),
    contractIds: z.array(z.string()),
  })
  .superRefine((values, ctx) => {
    if (ISO_DAY.test(values.periodStart) && ISO_DAY.test(values.periodEnd)) {
      if (values.periodEnd < values.periodStart) {
        ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'form.errors.endBeforeStart' });
      } else if (values.periodEnd >= periodLimit(values.periodStart)) {
        ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'form.errors.tooLong' });
      }
    }
    if (values.scope === 'chosen' && values.contractIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['contractIds'], message: 'form.errors.noContracts' });
    }
  });

/** The order form of a period report: `POST /reports` with what the user chose. */
export function ReportRequestForm({ defaults }: { defaults: ReportFormValues }) {
  const { t } = useTranslation('reports');
  const { t: tc } = useTranslation('common');
  const request = useRequestReport();
  const {
    register,
    handleSubmit,
    control,
    watch,
    formState: { errors },
  } = useForm<ReportFormValues>({ defaultValues: defaults, resolver: zodResolver(schema) });
  const scope = watch('scope');
  const apiErrors = fieldErrors(request.error instanceof ProblemError ? request.error.problem : undefined);
  const message = (name: keyof ReportFormValues) => {
    const own = errors[name]?.message;
    return own ? t(own) : apiErrors[name];
  };

  return (
    <form
      className="panel report-form"
      noValidate
      aria-labelledby="report-form-title"
      onSubmit={handleSubmit((values) => request.mutate(reportRequestBody(values)))}
    >
      <h2 id="report-form-title">{t('form.title')}</h2>
      <div className="report-form__grid">
        <Field label={t('form.periodStart')} error={message('periodStart')}>
          {(props) => <input type="date" {...props} {...register('periodStart')} />}
        </Field>
        <Field label={t('form.periodEnd')} hint={t('form.periodHint')} error={message('periodEnd')}>
          {(props) => <input type="date" {...props} {...register('periodEnd')} />}
        </Field>
        <Field label={t('form.framework')} error={message('framework')}>
          {(props) => (
            <select {...props} {...register('framework')}>
              <option value="">{t('form.companySetting')}</option>
              {REPORT_FRAMEWORKS.map((framework) => (
                <option key={framework} value={framework}>
                  {t(`frameworks.${framework}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('form.currency')} hint={t('form.currencyHint')} error={message('reportingCurrency')}>
          {(props) => (
            <input
              {...props}
              {...register('reportingCurrency')}
              maxLength={3}
              autoComplete="off"
              spellCheck={false}
              className="report-form__currency"
            />
          )}
        </Field>
        <Field label={t('form.language')} error={message('language')}>
          {(props) => (
            <select {...props} {...register('language')}>
              {LANGUAGES.map((language) => (
                <option key={language} value={language} lang={language}>
                  {tc(`language.names.${language}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('form.format')} error={message('format')}>
          {(props) => (
            <select {...props} {...register('format')}>
              {REPORT_FORMATS.map((format) => (
                <option key={format} value={format}>
                  {t(`formats.${format}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend>{t('form.scope')}</legend>
        <label className="report-form__choice">
          <input type="radio" value="all" {...register('scope')} /> {t('form.scopeAll')}
        </label>
        <label className="report-form__choice">
          <input type="radio" value="chosen" {...register('scope')} /> {t('form.scopeChosen')}
        </label>
        {scope === 'chosen' && (
          <Controller
            control={control}
            name="contractIds"
            render={({ field }) => (
              <ContractPicker chosen={field.value} onChange={field.onChange} error={message('contractIds')} />
            )}
          />
        )}
      </fieldset>
      <ProblemAlert error={request.error} />
      {request.isSuccess && (
        <p className="alert alert--success" role="status">
          {request.data.status === 'finished' ? t('form.ordered.finished') : t('form.ordered.queued')}
        </p>
      )}
      <button type="submit" className="button" disabled={request.isPending}>
        {request.isPending ? t('form.submitting') : t('form.submit')}
      </button>
    </form>
  );
}

function ContractPicker({
  chosen,
  onChange,
  error,
}: {
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('reports');
  const contracts = useReportableContracts(true);
  const [search, setSearch] = useState('');
  const shown = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    return (contracts.data ?? []).filter(
      (contract) =>
        !needle ||
        contract.name.toLocaleLowerCase().includes(needle) ||
        (contract.reference ?? '').toLocaleLowerCase().includes(needle),
    );
  }, [contracts.data, search]);

  if (contracts.isPending) return <Spinner />;
  if (contracts.isError) return <ProblemAlert error={contracts.error} />;
  return (
    <div className="contract-picker">
      <Field label={t('form.searchContracts')}>
        {(props) => <input type="search" {...props} value={search} onChange={(e) => setSearch(e.target.value)} />}
      </Field>
      <p className="field__hint">{t('form.chosenCount', { chosen: chosen.length })}</p>
      {contracts.data.length === 0 ? (
        <p>{t('form.noContracts')}</p>
      ) : (
        <ul className="contract-picker__list" aria-label={t('form.contracts')}>
          {shown.map((contract) => (
            <li key={contract.id}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(contract.id)}
                  onChange={(event) =>
                    onChange(
                      event.target.checked
                        ? [...chosen, contract.id]
                        : chosen.filter((id) => id !== contract.id),
                    )
                  }
                />{' '}
                {contract.name}
                {contract.reference ? ` (${contract.reference})` : ''} · {contract.currency}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
