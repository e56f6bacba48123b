import QRCode from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { components } from '@/api/schema';
import { Field } from '@/components/Field';
import { LanguagePicker } from '@/components/LanguagePicker';
import { ProblemAlert } from '@/components/ProblemAlert';
import { api, unwrap } from '@/lib/api';
import { setSession } from '@/lib/session';

type LoginResponse = components['schemas']['LoginResponse'];
type Tokens = components['schemas']['Tokens'];

type Step =
  | { kind: 'password' }
  | { kind: 'newPassword'; session: string }
  | { kind: 'code'; session: string }
  | { kind: 'enrol'; session: string; secret?: string; qr?: string };

function isTokens(answer: LoginResponse): answer is Tokens {
  return 'idToken' in answer;
}

/** Sign-in: password, then whatever Cognito asks (first-login new password, TOTP code, TOTP enrolment). */
export function SignInPage() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/contracts';
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [code, setCode] = useState('');

  function follow(answer: LoginResponse) {
    setCode('');
    if (isTokens(answer)) {
      setSession(answer);
      navigate(from, { replace: true });
      return;
    }
    switch (answer.challenge) {
      case 'NEW_PASSWORD_REQUIRED':
        setStep({ kind: 'newPassword', session: answer.session });
        break;
      case 'SOFTWARE_TOKEN_MFA':
        setStep({ kind: 'code', session: answer.session });
        break;
      case 'MFA_SETUP':
        setStep({ kind: 'enrol', session: answer.session });
        break;
    }
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  // MFA_SETUP: ask for the secret once, and show it as a QR code and as text.
  useEffect(() => {
    if (step.kind !== 'enrol' || step.secret) return;
    void run(async () => {
      const setup = unwrap(await api.POST('/auth/mfa/setup', { body: { session: step.session } }));
      const qr = await QRCode.toDataURL(setup.otpauthUri, { margin: 1, width: 200 });
      setStep({ kind: 'enrol', session: setup.session ?? step.session, secret: setup.secretCode, qr });
    });
  }, [step]);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      switch (step.kind) {
        case 'password':
          follow(unwrap(await api.POST('/auth/login', { body: { email, password } })));
          break;
        case 'newPassword':
          follow(unwrap(await api.POST('/auth/password', { body: { session: step.session, newPassword } })));
          break;
        case 'code':
          follow(unwrap(await api.POST('/auth/mfa', { body: { session: step.session, code } })));
          break;
        case 'enrol': {
          const verified = await api.POST('/auth/mfa/verify', { body: { session: step.session, code } });
          follow(unwrap(verified) as LoginResponse);
          break;
        }
      }
    });
  }

  return (
    <main id="main" className="sign-in">
      <div className="sign-in__card">
        <LanguagePicker />
        <h1>{t('signIn.title')}</h1>
        <form onSubmit={submit} noValidate={false}>
          {step.kind === 'password' && (
            <>
              <Field label={t('signIn.email')}>
                {(props) => (
                  <input {...props} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
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
              <p>{t('signIn.newPasswordIntro')}</p>
              <Field label={t('signIn.newPassword')} hint={t('signIn.newPasswordHint')}>
                {(props) => (
                  <input
                    {...props}
                    type="password"
                    autoComplete="new-password"
                    required
                    minLength={12}
                    value={newPassword}
                    onChange={(e) => setNewPassword(e.target.value)}
                  />
                )}
              </Field>
            </>
          )}
          {step.kind === 'enrol' && (
            <>
              <p>{t('signIn.enrolIntro')}</p>
              {step.qr && <img src={step.qr} alt={t('signIn.qrAlt')} width={200} height={200} />}
              {step.secret && (
                <p>
                  {t('signIn.secretText')} <code className="secret">{step.secret}</code>
                </p>
              )}
            </>
          )}
          {(step.kind === 'code' || step.kind === 'enrol') && (
            <Field label={t('signIn.code')} hint={t('signIn.codeHint')}>
              {(props) => (
                <input
                  {...props}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]{6}"
                  maxLength={6}
                  required
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                />
              )}
            </Field>
          )}
          <ProblemAlert error={error} />
          <button type="submit" className="button" disabled={busy}>
            {step.kind === 'password' ? t('signIn.submit') : t('signIn.continue')}
          </button>
        </form>
      </div>
    </main>
  );
}
