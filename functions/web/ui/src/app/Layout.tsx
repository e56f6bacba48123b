import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguagePicker } from '@/components/LanguagePicker';
import { IdleSignOut, type AccountState, type SignInState } from '@/features/auth';
import { setUnauthorizedHandler } from '@/lib/api';
import { useMe, useSignOut, useTokenRenewal, watchMfaEnrollmentRequired } from '@/lib/auth';
import { allows, type Capability } from '@/lib/roles';
import { clearSession, sessionEndReason, useSession } from '@/lib/session';
import './Layout.css';

/**
 * Screens behind sign-in. Without a session (never signed in, signed out, expired, idle) the
 * sign-in screen, told why and where to come back to.
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  useTokenRenewal();

  useEffect(() => {
    // A 401 to a signed-in request: the session is over (expired, revoked). Forgetting it
    // re-renders this guard, which sends the user to sign in.
    setUnauthorizedHandler(() => clearSession('expired'));
    return () => setUnauthorizedHandler(() => {});
  }, []);

  const here = location.pathname + location.search;
  const hereRef = useRef(here);
  useEffect(() => {
    hereRef.current = here;
  }, [here]);
  useEffect(
    () =>
      // The company requires 2FA and this user has none: to the enrolment, not a dead screen.
      watchMfaEnrollmentRequired(() => {
        if (hereRef.current.startsWith('/account')) return;
        const state: AccountState = { mfaRequired: true, from: hereRef.current };
        navigate('/account', { state });
      }),
    [navigate],
  );

  if (!session) {
    const reason = sessionEndReason();
    // After a deliberate sign-out the next person starts afresh; after an expiry or idle
    // sign-out the same user comes back to where they were.
    const state: SignInState = { from: reason === 'signedOut' ? undefined : here, reason };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  return <Outlet />;
}

const NAV: { to: string; label: string; capability?: Capability }[] = [
  { to: 'contracts', label: 'nav.contracts' },
  { to: 'documents', label: 'nav.documents' },
  { to: 'reports', label: 'nav.reports', capability: 'requestReports' },
  { to: 'rates', label: 'nav.rates' },
  { to: 'audit', label: 'nav.audit', capability: 'readAudit' },
  { to: 'company', label: 'nav.company', capability: 'administerCompany' },
];

/** How long after a navigation the page's heading may take to appear (lazy routes, loading). */
const HEADING_WAIT_MS = 5_000;

/**
 * After each navigation: the document's title from the page's `h1`, and focus on that `h1` (or
 * on `main` until it appears), so a screen reader announces the new page and Tab starts there.
 */
function usePageFocusAndTitle(main: RefObject<HTMLElement | null>, path: string) {
  useEffect(() => {
    const element = main.current;
    if (!element) return;
    const settle = (): boolean => {
      const heading = element.querySelector('h1');
      if (!heading) return false;
      document.title = `${heading.textContent?.trim()} – My Pages`;
      // Only if the user has not moved on meanwhile.
      const active = document.activeElement;
      if (active === element || active === document.body || active === null) {
        heading.tabIndex = -1;
        heading.focus();
      }
      return true;
    };
    element.focus({ preventScroll: true });
    if (settle()) return;
    const observer = new MutationObserver(() => {
      if (settle()) observer.disconnect();
    });
    observer.observe(element, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), HEADING_WAIT_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [main, path]);
}

export function Layout() {
  const { t } = useTranslation('common');
  const me = useMe();
  const signOut = useSignOut();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  usePageFocusAndTitle(main, location.pathname);
  const roles = me.data?.roles;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <IdleSignOut />
      <header className="topbar">
        <span className="brand">My Pages</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.filter((item) => !item.capability || allows(roles, item.capability)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{t(item.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar__end">
          <LanguagePicker compact />
          {me.data && (
            <NavLink to="account" className="account-link" title={`${me.data.email} · ${me.data.companyName}`}>
              <span className="visually-hidden">{t('accountLink')} </span>
              <span className="account-link__email">{me.data.email}</span>
              <span className="account-link__company">{me.data.companyName}</span>
            </NavLink>
          )}
          <button type="button" className="button button--quiet" onClick={() => void signOut('signedOut')}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

export function NotFound() {
  const { t } = useTranslation('common');
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.detail')}</p>
      <NavLink to="/contracts">{t('nav.contracts')}</NavLink>
    </section>
  );
}
