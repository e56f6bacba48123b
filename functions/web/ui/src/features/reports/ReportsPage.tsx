import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/PageHeader';
import { Spinner } from '@/components/Spinner';
import { useCan, useMe } from '@/lib/auth';
import { currentLanguage } from '@/lib/i18n';
import { useCompanySettings } from './api';
import { ReportList } from './ReportList';
import { ReportRequestForm } from './ReportRequestForm';
import { defaultReportForm } from './request';
import './reports.css';

/** `/reports`: order a period report, follow its status, download it. */
export function ReportsPage() {
  const { t } = useTranslation('reports');
  const me = useMe();
  const mayRequest = useCan('requestReports');
  const settings = useCompanySettings();

  if (me.isPending) return <Spinner />;
  if (!mayRequest) {
    return (
      <section>
        <PageHeader title={t('title')} />
        <p className="alert alert--info">{t('notAllowed')}</p>
      </section>
    );
  }
  return (
    <section>
      <PageHeader title={t('title')} />
      <p className="report-intro">{t('intro')}</p>
      {settings.isPending ? (
        <Spinner />
      ) : (
        // Without the settings (a failed read) the framework and currency stay the company's.
        <ReportRequestForm defaults={defaultReportForm(new Date(), currentLanguage(), settings.data)} />
      )}
      <ReportList />
    </section>
  );
}
