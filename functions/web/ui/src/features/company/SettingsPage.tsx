import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { ReasonDialog } from '@/components/ReasonDialog';
import { Spinner } from '@/components/Spinner';
import { fieldErrors, ProblemError } from '@/lib/problem';
import { useCompanySettings, useUpdateCompanySettings, type CompanySettings } from './api';
import { CheckboxField } from './components/CheckboxField';
import { useErrorText } from './components/errorText';
import { ACCOUNT_KEYS, settingsPatch, settingsSchema, toSettingsValues, type SettingsValues } from './settingsForm';

export function SettingsPage() {
  const settings = useCompanySettings();
  if (settings.isPending) return <Spinner />;
  if (settings.isError) return <ProblemAlert error={settings.error} />;
  return <SettingsForm settings={settings.data} />;
}

const FORM_FIELDS = new Set<string>([
  'name',
  'accountingFramework',
  'k3LeaseTreatment',
  'rateConvention',
  'reportingCurrency',
  'creditSpread',
  'mfaRequired',
  ...ACCOUNT_KEYS.map((key) => `accounts.${key}`),
]);

function SettingsForm({ settings }: { settings: CompanySettings }) {
  const { t } = useTranslation('company');
  const errorText = useErrorText();
  const update = useUpdateCompanySettings();
  const form = useForm<SettingsValues>({ resolver: zodResolver(settingsSchema), defaultValues: toSettingsValues(settings) });
  const { register, handleSubmit, formState, setError, reset, watch } = form;
  const [pending, setPending] = useState<SettingsValues | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  // Newer settings from the API (another admin, a refetch) replace the form's starting point.
  useEffect(() => {
    reset(toSettingsValues(settings));
  }, [settings, reset]);

  const values = watch();
  const changed = settingsPatch(settings, values, '') !== null;
  const framework = watch('accountingFramework');

  async function save(reason: string) {
    if (!pending) return;
    const body = settingsPatch(settings, pending, reason);
    if (!body) return;
    try {
      await update.mutateAsync({ version: settings.version, body });
      setRefusal(null);
      setSaved(true);
    } catch (error) {
      const perField = error instanceof ProblemError ? fieldErrors(error.problem) : {};
      const known = Object.entries(perField).filter(([field]) => FORM_FIELDS.has(field));
      // A refusal about the fields belongs beside them; anything else stays in the dialog.
      if (known.length === 0) throw error;
      for (const [field, message] of known) {
        setError(field as FieldPath<SettingsValues>, { type: 'server', message });
      }
      setRefusal(error);
    }
  }

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settings.heading')}</h2>
      <form
        className="company-form"
        noValidate
        onSubmit={handleSubmit((valid) => {
          setSaved(false);
          setRefusal(null);
          setPending(valid);
        })}
      >
        <fieldset>
          <legend>{t('settings.company')}</legend>
          <div className="grid-2">
            <Field label={t('settings.name')} hint={t('settings.nameHint')} error={errorText(formState.errors.name)}>
              {(props) => <input {...props} {...register('name')} autoComplete="organization" />}
            </Field>
            <Field
              label={t('settings.reportingCurrency')}
              hint={t('settings.reportingCurrencyHint')}
              error={errorText(formState.errors.reportingCurrency)}
            >
              {(props) => <input {...props} {...register('reportingCurrency')} maxLength={3} className="input--short" />}
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('settings.policy')}</legend>
          <div className="grid-2">
            <Field label={t('settings.accountingFramework')} error={errorText(formState.errors.accountingFramework)}>
              {(props) => (
                <select {...props} {...register('accountingFramework')}>
                  <option value="ifrs16">{t('settings.frameworks.ifrs16')}</option>
                  <option value="k3">{t('settings.frameworks.k3')}</option>
                </select>
              )}
            </Field>
            <Field
              label={t('settings.k3LeaseTreatment')}
              hint={framework === 'k3' ? t('settings.k3LeaseTreatmentHint') : t('settings.k3LeaseTreatmentUnused')}
              error={errorText(formState.errors.k3LeaseTreatment)}
            >
              {(props) => (
                <select {...props} {...register('k3LeaseTreatment')}>
                  <option value="operating">{t('settings.k3.operating')}</option>
                  <option value="finance">{t('settings.k3.finance')}</option>
                </select>
              )}
            </Field>
            <Field
              label={t('settings.rateConvention')}
              hint={t('settings.rateConventionHint')}
              error={errorText(formState.errors.rateConvention)}
            >
              {(props) => (
                <select {...props} {...register('rateConvention')}>
                  <option value="effective">{t('settings.rates.effective')}</option>
                  <option value="nominal">{t('settings.rates.nominal')}</option>
                </select>
              )}
            </Field>
            <Field
              label={t('settings.creditSpread')}
              hint={t('settings.creditSpreadHint')}
              error={errorText(formState.errors.creditSpread)}
            >
              {(props) => <input {...props} {...register('creditSpread')} inputMode="decimal" />}
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('settings.accounts')}</legend>
          <p className="field__hint">{t('settings.accountsHint')}</p>
          <div className="grid-3">
            {ACCOUNT_KEYS.map((key) => (
              <Field key={key} label={t(`settings.account.${key}`)} error={errorText(formState.errors.accounts?.[key])}>
                {(props) => <input {...props} {...register(`accounts.${key}`)} />}
              </Field>
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('settings.security')}</legend>
          <CheckboxField
            label={t('settings.mfaRequired')}
            hint={t('settings.mfaRequiredHint')}
            error={errorText(formState.errors.mfaRequired)}
            {...register('mfaRequired')}
          />
        </fieldset>

        <ProblemAlert error={refusal} />
        {saved && !changed && (
          <p className="alert alert--success" role="status">
            {t('settings.saved')}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={!changed}>
            {t('settings.save')}
          </button>
          <button type="button" className="button button--secondary" disabled={!changed} onClick={() => reset(toSettingsValues(settings))}>
            {t('settings.undo')}
          </button>
        </div>
      </form>
      <ReasonDialog
        open={pending !== null}
        title={t('settings.confirmTitle')}
        confirmLabel={t('settings.save')}
        onConfirm={save}
        onClose={() => setPending(null)}
      >
        <p>{t('settings.confirmDetail')}</p>
      </ReasonDialog>
    </section>
  );
}
