import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { Field } from '@/components/Field';
import { LanguagePicker } from '@/components/LanguagePicker';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { fieldErrors, ProblemError } from '@/lib/problem';
import { getSession, setSession, useSession, type SessionEnd } from '@/lib/session';
import { discoverSso, exchangeSsoCode, ssoStateMatches, submitStep, withSsoState, type SignInStep } from './signInSteps';
import { CodeField } from './CodeField';
import { TotpEnrolment } from './TotpEnrolment';
import './auth.css';

/** What other screens tell the sign-in screen when they send the user here. */
export interface SignInState {
  /** The screen to return to after signing in. */
  from?: string;
  /** Why the last session ended (shown as a notice). */
  reason?: SessionEnd | null;
}

type OpenStep = Exclude<SignInStep, { kind: 'signedIn' }>;

/** A ref that focuses its element when it appears (one function: React calls it on attach only). */
const focusWhenShown = (element: HTMLElement | null) => element?.focus();

/** A path inside the app to return to: never the sign-in screen itself, never another origin. */
function returnPath(from: string | undefined): string {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/sign-in')) return '/contracts';
  return from;
}

/**
 * Sign-in: e-mail and password, then whatever Cognito asks (the first login's new password, a
 * TOTP code, or TOTP enrolment when the company requires 2FA); or the company's identity
 * provider (SSO discovery by e-mail). The hosted UI returns here with `?code=` (the SSO
 * callback URL is `<app>/sign-in`), and the code is exchanged for tokens.
 */
export function SignInPage() {
  const { t } = useTranslation('auth');
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const state = (location.state as SignInState | null) ?? {};
  const from = returnPath(state.from);
  const ssoCode = params.get('code');
  const ssoState = params.get('state');
  const ssoError = params.get('error');

  const [step, setStep] = useState<OpenStep>({ kind: 'password' });
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [code, setCode] = useState('');
  const [emailError, setEmailError] = useState<string | undefined>();
  const [exchanging, setExchanging] = useState(Boolean(ssoCode));

  useEffect(() => {
    document.title = t('signIn.title');
  }, [t]);

  // Nobody is signed in here: drop what the last session cached (another user may sign in next).
  useEffect(() => {
    if (!session) queryClient.clear();
  }, [session, queryClient]);

  // Back from the hosted UI: exchange the code once (StrictMode runs effects twice; a code is
  // good once), then take the code out of the address.
  const exchanged = useRef(false);
  useEffect(() => {
    if (!ssoCode || exchanged.current) return;
    exchanged.current = true;
    // A code this tab did not ask for (a link someone sent), or one arriving while somebody is
    // signed in here, is never exchanged: it could sign the user into another company.
    if (getSession() || !ssoStateMatches(ssoState)) {
      setExchanging(false);
      if (!getSession()) setNotice(t('sso.stateMismatch'));
      navigate(getSession() ? from : '/sign-in', { replace: true });
      return;
    }
    exchangeSsoCode(ssoCode)
      // Signed in: nothing cached before may show; the page re-renders and leaves for the app.
      .then((tokens) => {
        queryClient.clear();
        setSession(tokens);
      })
      .catch((caught: unknown) => {
        setError(caught);
        navigate('/sign-in', { replace: true });
      })
      .finally(() => setExchanging(false));
  }, [ssoCode, ssoState, navigate, from, queryClient, t]);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const next = await submitStep(step, { email, password, newPassword, code });
      setCode('');
      if (next.kind === 'signedIn') {
        queryClient.clear();
        setSession(next.tokens);
        return;
      }
      setStep(next);
    });
  }

  function startOver() {
    setStep({ kind: 'password' });
    setError(null);
    setPassword('');
    setNewPassword('');
    setCode('');
  }

  function signInWithCompany() {
    setEmailError(undefined);
    const address = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      setEmailError(t('sso.emailFirst'));
      return;
    }
    void run(async () => {
      const authorizeUrl = await discoverSso(address);
      const target = authorizeUrl ? withSsoState(authorizeUrl) : null;
      if (target) window.location.assign(target);
      else setNotice(t('sso.notFound'));
    });
  }

  if (session) return <Navigate to={from} replace />;

  const problems = error instanceof ProblemError ? fieldErrors(error.problem) : {};
  const reason = state.reason;

  return (
    <main id="main" className="sign-in">
      <div className="sign-in__card">
        <LanguagePicker />
        <h1>{t('signIn.title')}</h1>
        {reason && step.kind === 'password' && !error && (
          <p className="alert alert--info sign-in__notice" role="status">
            {t(`ended.${reason}`)}
          </p>
        )}
        {ssoError && !exchanging && (
          <div className="alert alert--error" role="alert">
            <strong>{t('sso.failed')}</strong>
          </div>
        )}
        {exchanging ? (
          <p>
            <Spinner label={t('sso.exchanging')} /> {t('sso.exchanging')}
          </p>
        ) : (
          <form onSubmit={submit} aria-busy={busy}>
            {step.kind === 'password' && (
              <>
                <Field label={t('signIn.email')} error={emailError}>
                  {(props) => (
                    <input
                      {...props}
                      type="email"
                      autoComplete="username"
                      required
                      value={email}
                      onChange={(e) => setEmail(e.target.value)}
                    />
                  )}
                </Field>
                <Field label={t('signIn.password')}>
                  {(props) => (
                    <input
                      {...props}
                      type="password"
                      autoComplete="current-password"
                      required
                      value={password}
                      onChange={(e) => setPassword(e.target.value)}
                    />
                  )}
                </Field>
              </>
            )}
            {step.kind === 'newPassword' && (
              <>
                <h2>{t('newPassword.heading')}</h2>
                <p>{t('newPassword.intro')}</p>
                <Field label={t('newPassword.label')} hint={t('newPassword.policy')} error={problems.newPassword}>
                  {(props) => (
                    <input
                      {...props}
                      type="password"
                      autoComplete="new-password"
                      autoFocus
                      required
                      value={newPassword}
                      onChange={(e) => setNewPassword(e.target.value)}
                    />
                  )}
                </Field>
              </>
            )}
            {step.kind === 'code' && (
              <>
                <h2>{t('code.heading')}</h2>
                <p>{t('code.intro')}</p>
              </>
            )}
            {step.kind === 'enrol' && (
              <>
                {/* Focus on the heading, not the code field: the QR code and the key come first. */}
                <h2 tabIndex={-1} ref={focusWhenShown}>
                  {t('enrol.heading')}
                </h2>
                <p>{t('enrol.requiredIntro')}</p>
                <TotpEnrolment setup={step.setup} />
              </>
            )}
            {(step.kind === 'code' || step.kind === 'enrol') && (
              <CodeField value={code} onChange={setCode} error={problems.code} autoFocus={step.kind === 'code'} />
            )}
            <ProblemAlert error={error} />
            {notice && (
              <p className="alert alert--error" role="alert">
                {notice}
              </p>
            )}
            <button type="submit" className="button" disabled={busy}>
              {step.kind === 'password' ? t('signIn.submit') : t('signIn.continue')}
            </button>
            {step.kind !== 'password' && (
              <div className="sign-in__actions">
                <button type="button" className="button button--quiet" onClick={startOver}>
                  {t('signIn.startOver')}
                </button>
              </div>
            )}
          </form>
        )}
        {step.kind === 'password' && !exchanging && (
          <>
            <p className="sign-in__or">{t('sso.or')}</p>
            <button type="button" className="button button--secondary sign-in__sso" onClick={signInWithCompany} disabled={busy}>
              {t('sso.button')}
            </button>
          </>
        )}
      </div>
    </main>
  );
}
