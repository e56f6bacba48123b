import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { ReasonDialog } from '@/components/ReasonDialog';
import { Spinner } from '@/components/Spinner';
import { useCan, useMe } from '@/lib/auth';
import { formatDate, formatDecimal, formatInstant, formatMoney, formatPercent } from '@/lib/format';
import { useArchiveContract, useContract, type Contract } from '../api';
import { IbrSuggestionPanel } from '../components/IbrSuggestionPanel';
import '../contracts.css';

/** What the page after a save says on arrival (`navigate(…, { state: { saved } })`). */
export type SavedNotice = 'created' | 'updated';

/** A contract: its terms, its measurement, every version with its reason and remeasurement. */
export function ContractDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('contracts');
  const location = useLocation();
  const saved = (location.state as { saved?: SavedNotice } | null)?.saved;
  const canEdit = useCan('editContracts');
  const query = useContract(id);
  const archive = useArchiveContract();
  const [archiving, setArchiving] = useState(false);

  if (query.isPending) return <Spinner />;
  if (query.error) {
    return (
      <section>
        <PageHeader title={t('detail.title')} />
        <ProblemAlert error={query.error} />
        <Link to="/contracts">{t('detail.back')}</Link>
      </section>
    );
  }
  const { contract, etag } = query.data;
  const active = contract.status === 'active';

  return (
    <section>
      <p className="breadcrumb">
        <Link to="/contracts">{t('detail.back')}</Link>
      </p>
      <PageHeader
        title={contract.name}
        actions={
          canEdit &&
          active && (
            <>
              <Link className="button" to={`/contracts/${contract.id}/edit`}>
                {t('detail.edit')}
              </Link>
              <button type="button" className="button button--danger" onClick={() => setArchiving(true)}>
                {t('detail.archive')}
              </button>
            </>
          )
        }
      />
      {saved && (
        <p className="alert alert--success" role="status">
          {t(saved === 'created' ? 'detail.created' : 'detail.updated', { version: contract.version })}
        </p>
      )}
      {!active && <p className="alert alert--info">{t('detail.archived')}</p>}
      <nav className="contract-links" aria-label={t('detail.related')}>
        <Link to={`/contracts/${contract.id}/schedule`}>{t('detail.schedule')}</Link>
        <Link to={`/documents?contractId=${encodeURIComponent(contract.id)}`}>{t('detail.documents')}</Link>
      </nav>

      <div className="split">
        <div>
          <MeasurementPanel contract={contract} />
          <TermsPanel contract={contract} />
        </div>
        <div className="panel contract-panel">
          <IbrSuggestionPanel contractId={contract.id} />
        </div>
      </div>
      <VersionsPanel contract={contract} />

      <ReasonDialog
        open={archiving}
        title={t('archive.title')}
        confirmLabel={t('archive.confirm')}
        danger
        onClose={() => setArchiving(false)}
        onConfirm={(reason) => archive.mutateAsync({ id: contract.id, etag, reason })}
      >
        <p>{t('archive.explain', { name: contract.name })}</p>
      </ReasonDialog>
    </section>
  );
}

function MeasurementPanel({ contract }: { contract: Contract }) {
  const { t } = useTranslation('contracts');
  if (!contract.measurement) return null;
  return (
    <section className="panel contract-panel" aria-labelledby="measurement-heading">
      <h2 id="measurement-heading">{t('detail.measurement')}</h2>
      <p className="field__hint">{t('detail.measurementHint', { date: formatDate(contract.commencementDate) })}</p>
      <dl className="facts facts--large">
        <dt>{t('fields.leaseLiability')}</dt>
        <dd className="num" data-testid="lease-liability">
          {formatMoney(contract.measurement.leaseLiability)} {contract.currency}
        </dd>
        <dt>{t('fields.rightOfUseAsset')}</dt>
        <dd className="num" data-testid="right-of-use-asset">
          {formatMoney(contract.measurement.rightOfUseAsset)} {contract.currency}
        </dd>
        <dt>{t('fields.periodicRate')}</dt>
        <dd className="num">{formatDecimal(contract.measurement.periodicRate, 10)}</dd>
      </dl>
    </section>
  );
}

function TermsPanel({ contract }: { contract: Contract }) {
  const { t } = useTranslation('contracts');
  const money = (amount: string) => `${formatMoney(amount)} ${contract.currency}`;
  return (
    <section className="panel contract-panel" aria-labelledby="terms-heading">
      <h2 id="terms-heading">{t('detail.terms', { version: contract.version })}</h2>
      <dl className="facts">
        <dt>{t('fields.status')}</dt>
        <dd>{t(`status.${contract.status}`)}</dd>
        <dt>{t('fields.reference')}</dt>
        <dd>{contract.reference ?? '—'}</dd>
        <dt>{t('fields.lessor')}</dt>
        <dd>{contract.lessor}</dd>
        <dt>{t('fields.assetClass')}</dt>
        <dd>{t(`assetClass.${contract.assetClass}`)}</dd>
        <dt>{t('fields.exemption')}</dt>
        <dd>{t(`exemption.${contract.exemption ?? 'none'}`)}</dd>
        <dt>{t('fields.currency')}</dt>
        <dd>{contract.currency}</dd>
        <dt>{t('fields.commencementDate')}</dt>
        <dd>{formatDate(contract.commencementDate)}</dd>
        <dt>{t('fields.endDate')}</dt>
        <dd>{formatDate(contract.endDate)}</dd>
        <dt>{t('fields.paymentAmount')}</dt>
        <dd>{money(contract.payment.amount)}</dd>
        <dt>{t('fields.frequency')}</dt>
        <dd>{t(`frequency.${contract.payment.frequency}`)}</dd>
        <dt>{t('fields.timing')}</dt>
        <dd>{t(`timing.${contract.payment.timing}`)}</dd>
        {(contract.payment.steps ?? []).map((step, index) => (
          <div className="facts__row" key={step.from}>
            <dt>{t('fields.stepFrom', { number: index + 1 })}</dt>
            <dd>
              {formatDate(step.from)}: {money(step.amount)}
            </dd>
          </div>
        ))}
        <dt>{t('fields.discountRate')}</dt>
        <dd>{formatPercent(contract.discountRate, 6)}</dd>
        <dt>{t('fields.initialDirectCosts')}</dt>
        <dd>{money(contract.initialDirectCosts)}</dd>
        <dt>{t('fields.leaseIncentives')}</dt>
        <dd>{money(contract.leaseIncentives)}</dd>
        <dt>{t('fields.restorationCosts')}</dt>
        <dd>{money(contract.restorationCosts)}</dd>
        <dt>{t('fields.firstIncreasedFee')}</dt>
        <dd>{money(contract.firstIncreasedFee)}</dd>
        <dt>{t('fields.effectiveFrom')}</dt>
        <dd>{formatDate(contract.effectiveFrom)}</dd>
        <dt>{t('fields.createdAt')}</dt>
        <dd>{formatInstant(contract.createdAt)}</dd>
        <dt>{t('fields.updatedAt')}</dt>
        <dd>{formatInstant(contract.updatedAt)}</dd>
        <dt>{t('fields.id')}</dt>
        <dd>
          <code>{contract.id}</code>
        </dd>
      </dl>
    </section>
  );
}

function VersionsPanel({ contract }: { contract: Contract }) {
  const { t } = useTranslation('contracts');
  const me = useMe().data;
  // Newest first: the latest change is what a reader looks for.
  const versions = [...contract.versions].reverse();
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('versions.title')}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('versions.title')}>
        <table className="data-table">
          <caption className="visually-hidden">{t('versions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('versions.version')}</th>
              <th scope="col">{t('fields.effectiveFrom')}</th>
              <th scope="col">{t('fields.reason')}</th>
              <th scope="col">{t('versions.createdAt')}</th>
              <th scope="col" className="num">{t('versions.liabilityBefore')}</th>
              <th scope="col" className="num">{t('versions.liabilityAfter')}</th>
              <th scope="col" className="num">{t('versions.rightOfUseAssetBefore')}</th>
              <th scope="col" className="num">{t('versions.rightOfUseAssetAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.version}>
                <th scope="row">{version.version}</th>
                <td>{formatDate(version.effectiveFrom)}</td>
                <td>{version.reason ?? t('versions.initial')}</td>
                <td>
                  <span className="nowrap">{formatInstant(version.createdAt)}</span>
                  <br />
                  <span className="field__hint">
                    {me && version.createdBy === me.userId ? (
                      t('versions.byYou')
                    ) : (
                      <>
                        {t('versions.byUser')} <code className="user-id">{version.createdBy}</code>
                      </>
                    )}
                  </span>
                </td>
                <td className="num">{formatMoney(version.remeasurement?.liabilityBefore)}</td>
                <td className="num">{formatMoney(version.remeasurement?.liabilityAfter)}</td>
                <td className="num">{formatMoney(version.remeasurement?.rightOfUseAssetBefore)}</td>
                <td className="num">{formatMoney(version.remeasurement?.rightOfUseAssetAfter)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
