import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { useCan, useMe } from '@/lib/auth';
import './company.css';

const TABS = [
  { to: '/company', label: 'tabs.settings', end: true },
  { to: '/company/users', label: 'tabs.users', end: false },
  { to: '/company/sso', label: 'tabs.sso', end: false },
  { to: '/company/data', label: 'tabs.data', end: false },
] as const;

/** The company's administration: admins only (the API refuses everyone else anyway). */
export function CompanyLayout() {
  const { t } = useTranslation('company');
  const me = useMe();
  const allowed = useCan('administerCompany');
  if (me.isPending) return <Spinner />;
  if (me.isError) return <ProblemAlert error={me.error} />;
  if (!allowed) {
    return (
      <section className="not-allowed">
        <h1>{t('notAllowed.title')}</h1>
        <p>{t('notAllowed.detail')}</p>
        <NavLink to="/contracts">{t('notAllowed.back')}</NavLink>
      </section>
    );
  }
  return (
    <>
      <PageHeader title={t('title')} />
      <nav className="company-tabs" aria-label={t('tabs.label')}>
        <ul>
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={tab.end}>
                {t(tab.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
