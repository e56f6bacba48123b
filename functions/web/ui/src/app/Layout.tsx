import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguagePicker } from '@/components/LanguagePicker';
import { setUnauthorizedHandler } from '@/lib/api';
import { useMe, useSignOut, useTokenRenewal } from '@/lib/auth';
import { allows, type Capability } from '@/lib/roles';
import { clearSession, useSession } from '@/lib/session';

/** Screens behind sign-in: without a session, the sign-in page (and back here afterwards). */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  useTokenRenewal();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      clearSession();
      navigate('/sign-in', { state: { from: location.pathname + location.search, expired: true } });
    });
  }, [navigate, location]);
  if (!session) {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
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

export function Layout() {
  const { t } = useTranslation('common');
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const roles = me.data?.roles;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
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
          <LanguagePicker />
          {me.data && (
            <NavLink to="account" className="account-link">
              {me.data.email} · {me.data.companyName}
            </NavLink>
          )}
          <button
            type="button"
            className="button button--quiet"
            onClick={async () => {
              await signOut();
              navigate('/sign-in', { replace: true });
            }}
          >
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
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
