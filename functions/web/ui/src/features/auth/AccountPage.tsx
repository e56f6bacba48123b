import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { LanguagePicker } from '@/components/LanguagePicker';
import { PageHeader } from '@/components/PageHeader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { api, unwrap } from '@/lib/api';
import { renewSession, useMe } from '@/lib/auth';
import { fieldErrors, ProblemError } from '@/lib/problem';
import { getSession } from '@/lib/session';
import { CodeField } from './CodeField';
import type { MfaSetup } from './signInSteps';
import { TotpEnrolment } from './TotpEnrolment';
import './auth.css';

/** What the shell tells the account page when the API refused a user without TOTP. */
export interface AccountState {
  mfaRequired?: boolean;
  /** The screen the user was on when the API asked for 2FA. */
  from?: string;
}

/** A signed-in user's own enrolment takes the ACCESS token as bearer (not the ID token). */
function accessTokenHeader(): Record<string, string> {
  const session = getSession();
  return session ? { Authorization: `Bearer ${session.accessToken}` } : {};
}

/** The signed-in user: e-mail, company, roles, language and two-factor authentication. */
export function AccountPage() {
  const { t } = useTranslation('auth');
  const { t: tc } = useTranslation('common');
  const me = useMe();
  const location = useLocation();
  const state = (location.state as AccountState | null) ?? {};

  return (
    <div className="account">
      <PageHeader title={t('account.title')} />
      {me.isPending ? (
        <Spinner />
      ) : me.error ? (
        <ProblemAlert error={me.error} />
      ) : (
        <>
          {state.mfaRequired && !me.data.mfaEnrolled && (
            <p className="alert alert--info" role="status">
              {t('account.mfaRequired')}
            </p>
          )}
          <section className="panel" aria-labelledby="account-details">
            <h2 id="account-details">{t('account.details')}</h2>
            <dl className="facts">
              <dt>{t('account.email')}</dt>
              <dd>{me.data.email}</dd>
              <dt>{t('account.company')}</dt>
              <dd>{me.data.companyName}</dd>
              <dt>{t('account.roles')}</dt>
              <dd>{me.data.roles.map((role) => tc(`roles.${role}`)).join(', ')}</dd>
            </dl>
            <LanguagePicker />
          </section>
          <section className="panel" aria-labelledby="account-mfa">
            <h2 id="account-mfa">{t('account.mfa')}</h2>
            <TotpSection enrolled={me.data.mfaEnrolled} returnTo={state.mfaRequired ? state.from : undefined} />
          </section>
        </>
      )}
    </div>
  );
}

function TotpSection({ enrolled, returnTo }: { enrolled: boolean; returnTo?: string }) {
  const { t } = useTranslation('auth');
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [code, setCode] = useState('');
  const [done, setDone] = useState(false);

  const start = useMutation({
    mutationFn: async () => unwrap(await api.POST('/auth/mfa/setup', { headers: accessTokenHeader() })),
    onSuccess: (answer) => setSetup(answer),
  });
  const verify = useMutation({
    mutationFn: async (entered: string) => {
      unwrap(await api.POST('/auth/mfa/verify', { body: { code: entered }, headers: accessTokenHeader() }));
      // The tokens of this sign-in still say "no TOTP": renewed ones carry the new state
      // (and the API stops refusing a company that requires 2FA).
      await renewSession();
    },
    onSuccess: () => {
      setDone(true);
      setSetup(null);
      setCode('');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    verify.mutate(code);
  }

  if (enrolled || done) {
    return (
      <>
        <p>
          <span className="badge badge--success">{t('account.mfaOn')}</span> {t('account.mfaOnDetail')}
        </p>
        {done && (
          <p className="alert alert--success" role="status">
            {t('account.mfaAdded')}
          </p>
        )}
        {done && returnTo && (
          <p>
            <Link to={returnTo}>{t('account.continue')}</Link>
          </p>
        )}
      </>
    );
  }

  const problems = verify.error instanceof ProblemError ? fieldErrors(verify.error.problem) : {};
  return (
    <>
      <p>
        <span className="badge">{t('account.mfaOff')}</span> {t('account.mfaOffDetail')}
      </p>
      {setup ? (
        <form onSubmit={submit} aria-busy={verify.isPending}>
          <h3>{t('enrol.heading')}</h3>
          <TotpEnrolment setup={setup} />
          <CodeField value={code} onChange={setCode} error={problems.code} autoFocus />
          <ProblemAlert error={verify.error} />
          <button type="submit" className="button" disabled={verify.isPending}>
            {t('enrol.confirm')}
          </button>
        </form>
      ) : (
        <>
          <ProblemAlert error={start.error} />
          <button type="button" className="button" onClick={() => start.mutate()} disabled={start.isPending}>
            {t('enrol.add')}
          </button>
        </>
      )}
    </>
  );
}
