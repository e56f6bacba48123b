import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { ReasonDialog } from '@/components/ReasonDialog';
import { Spinner } from '@/components/Spinner';
import { formatDate, formatInstant } from '@/lib/format';
import { fieldErrors, ProblemError } from '@/lib/problem';
import { usePutCompanySso, useCompanySso, type CompanySso, type Role } from './api';
import { CheckboxField } from './components/CheckboxField';
import { formatUnit, useNow } from './countdown';
import { ssoBody, toSsoValues, trialDaysLeft, type SsoValues } from './ssoForm';

const ROLES: Role[] = ['admin', 'editor', 'viewer', 'auditor'];
const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

export function SsoPage() {
  const sso = useCompanySso();
  if (sso.isPending) return <Spinner />;
  if (sso.isError) return <ProblemAlert error={sso.error} />;
  return <SsoForm sso={sso.data} />;
}

function SsoStatus({ sso }: { sso: CompanySso }) {
  const { t } = useTranslation('company');
  const now = useNow(60_000, sso.trialEndsAt);
  const daysLeft = trialDaysLeft(sso.trialEndsAt, now);
  const badge = sso.status === 'active' || sso.status === 'trial' ? 'badge badge--success' : sso.status === 'expired' ? 'badge badge--danger' : 'badge';
  return (
    <div className="panel">
      <h3>{t('sso.statusHeading')}</h3>
      <p className="status-line">
        <span className={badge}>{t(`sso.status.${sso.status}`)}</span>
        {sso.status === 'trial' && daysLeft !== null && (
          <span>
            {t('sso.trialDaysLeft', { days: formatUnit(daysLeft, 'day') })} ({t('sso.trialEnds', { date: formatInstant(sso.trialEndsAt) })})
          </span>
        )}
        {sso.status === 'active' && sso.licensedUntil && <span>{t('sso.licensedUntil', { date: formatDate(sso.licensedUntil) })}</span>}
      </p>
      <p className="field__hint">{t(`sso.statusHint.${sso.status}`)}</p>
    </div>
  );
}

function SsoForm({ sso }: { sso: CompanySso }) {
  const { t } = useTranslation('company');
  const put = usePutCompanySso();
  const { register, handleSubmit, watch, setValue, reset } = useForm<SsoValues>({ defaultValues: toSsoValues(sso) });
  const [pending, setPending] = useState<SsoValues | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [newDomain, setNewDomain] = useState('');
  const [domainProblem, setDomainProblem] = useState<string | undefined>();

  useEffect(() => {
    reset(toSsoValues(sso));
  }, [sso, reset]);

  const provider = watch('provider');
  const domains = watch('domains');
  const groupRoles = watch('groupRoles');
  const hasSecret = sso.provider !== null && sso.provider === provider;
  const secretHint = hasSecret ? t('sso.secretKeep') : t('sso.secretNew');
  const errorAt = (prefix: string) =>
    Object.entries(serverErrors)
      .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`))
      .map(([, message]) => message)
      .join(' ') || undefined;
  // A problem about a provider's object as a whole (not one of its fields).
  const errorOn = (field: string) => serverErrors[field];

  function addDomain() {
    const domain = newDomain.trim().toLowerCase();
    if (!DOMAIN.test(domain)) {
      setDomainProblem(t('sso.errors.domain'));
      return;
    }
    if (!domains.includes(domain)) setValue('domains', [...domains, domain], { shouldDirty: true });
    setNewDomain('');
    setDomainProblem(undefined);
  }

  async function save(reason: string) {
    if (!pending) return;
    try {
      await put.mutateAsync({ version: sso.version, body: ssoBody(pending, reason) });
      setServerErrors({});
      setRefusal(null);
      setSaved(true);
    } catch (error) {
      const perField = error instanceof ProblemError ? fieldErrors(error.problem) : {};
      if (Object.keys(perField).length === 0) throw error;
      // Field problems (e.g. require-for-all without a working provider) go beside the fields.
      setServerErrors(perField);
      setRefusal(error);
    }
  }

  return (
    <section aria-labelledby="sso-heading">
      <h2 id="sso-heading">{t('sso.heading')}</h2>
      <p>{t('sso.intro')}</p>
      <SsoStatus sso={sso} />
      <form
        className="company-form"
        noValidate
        onSubmit={handleSubmit((values) => {
          setSaved(false);
          setPending(values);
        })}
      >
        <fieldset>
          <legend>{t('sso.module')}</legend>
          <CheckboxField label={t('sso.enabled')} hint={t('sso.enabledHint')} error={errorAt('enabled')} {...register('enabled')} />
        </fieldset>

        <fieldset>
          <legend>{t('sso.providerHeading')}</legend>
          <Field label={t('sso.provider')} error={errorAt('provider')}>
            {(props) => (
              <select {...props} {...register('provider')}>
                <option value="">{t('sso.providers.none')}</option>
                <option value="oidc">{t('sso.providers.oidc')}</option>
                <option value="saml">{t('sso.providers.saml')}</option>
                <option value="google">{t('sso.providers.google')}</option>
              </select>
            )}
          </Field>
          {provider === 'oidc' && (
            <div className="grid-2">
              <Field label={t('sso.oidcIssuer')} hint={t('sso.oidcIssuerHint')} error={errorAt('oidc.issuer')}>
                {(props) => <input {...props} {...register('oidcIssuer')} type="url" />}
              </Field>
              <Field label={t('sso.clientId')} error={errorAt('oidc.clientId')}>
                {(props) => <input {...props} {...register('oidcClientId')} />}
              </Field>
              <Field label={t('sso.clientSecret')} hint={secretHint} error={errorAt('oidc.clientSecret') ?? errorOn('oidc')}>
                {(props) => <input {...props} {...register('oidcClientSecret')} type="password" autoComplete="new-password" />}
              </Field>
            </div>
          )}
          {provider === 'saml' && (
            <>
              <Field label={t('sso.samlMetadataUrl')} hint={t('sso.samlMetadataUrlHint')} error={errorAt('saml.metadataUrl')}>
                {(props) => <input {...props} {...register('samlMetadataUrl')} type="url" />}
              </Field>
              <Field label={t('sso.samlMetadataDocument')} hint={t('sso.samlMetadataDocumentHint')} error={errorAt('saml.metadataDocument') ?? errorOn('saml')}>
                {(props) => <textarea {...props} {...register('samlMetadataDocument')} rows={4} />}
              </Field>
            </>
          )}
          {provider === 'google' && (
            <div className="grid-2">
              <Field label={t('sso.clientId')} error={errorAt('google.clientId')}>
                {(props) => <input {...props} {...register('googleClientId')} />}
              </Field>
              <Field label={t('sso.clientSecret')} hint={secretHint} error={errorAt('google.clientSecret') ?? errorOn('google')}>
                {(props) => <input {...props} {...register('googleClientSecret')} type="password" autoComplete="new-password" />}
              </Field>
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('sso.domains')}</legend>
          <p className="field__hint">{t('sso.domainsHint')}</p>
          {domains.length === 0 ? (
            <p>{t('sso.noDomains')}</p>
          ) : (
            <ul className="list-editor" aria-label={t('sso.domains')}>
              {domains.map((domain) => (
                <li key={domain}>
                  <span>{domain}</span>
                  <button
                    type="button"
                    className="button--quiet"
                    onClick={() => setValue('domains', domains.filter((other) => other !== domain), { shouldDirty: true })}
                  >
                    {t('sso.removeDomain', { domain })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {errorAt('domains') && (
            <p className="field__error" role="alert">
              {errorAt('domains')}
            </p>
          )}
          <div className="add-row">
            <Field label={t('sso.newDomain')} error={domainProblem}>
              {(props) => (
                <input
                  {...props}
                  value={newDomain}
                  onChange={(event) => setNewDomain(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      addDomain();
                    }
                  }}
                />
              )}
            </Field>
            <button type="button" className="button button--secondary" onClick={addDomain}>
              {t('sso.addDomain')}
            </button>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('sso.users')}</legend>
          <CheckboxField
            label={t('sso.requireForAll')}
            hint={t('sso.requireForAllHint')}
            error={errorAt('requireForAll')}
            {...register('requireForAll')}
          />
          <CheckboxField
            label={t('sso.autoCreateUsers')}
            hint={t('sso.autoCreateUsersHint')}
            error={errorAt('autoCreateUsers')}
            {...register('autoCreateUsers')}
          />
          <h3>{t('sso.groupRoles')}</h3>
          <p className="field__hint">{t('sso.groupRolesHint')}</p>
          {groupRoles.map((_, index) => (
            // Rows have no identity of their own but their place; removing re-renders the rest.
            <div className="add-row" key={index}>
              <Field label={t('sso.group', { number: index + 1 })} error={errorAt(`groupRoles.${index}`)}>
                {(props) => <input {...props} {...register(`groupRoles.${index}.group`)} />}
              </Field>
              <Field label={t('sso.role', { number: index + 1 })}>
                {(props) => (
                  <select {...props} {...register(`groupRoles.${index}.role`)}>
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`roles.${role}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button
                type="button"
                className="button--quiet"
                onClick={() => setValue('groupRoles', groupRoles.filter((__, other) => other !== index), { shouldDirty: true })}
              >
                {t('sso.removeMapping', { number: index + 1 })}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setValue('groupRoles', [...groupRoles, { group: '', role: 'viewer' }], { shouldDirty: true })}
          >
            {t('sso.addMapping')}
          </button>
        </fieldset>

        <ProblemAlert error={refusal} />
        {saved && (
          <p className="alert alert--success" role="status">
            {t('sso.saved')}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button">
            {t('sso.save')}
          </button>
        </div>
      </form>
      <ReasonDialog
        open={pending !== null}
        title={t('sso.confirmTitle')}
        confirmLabel={t('sso.save')}
        onConfirm={save}
        onClose={() => setPending(null)}
      >
        <p>{t('sso.confirmDetail')}</p>
      </ReasonDialog>
    </section>
  );
}
