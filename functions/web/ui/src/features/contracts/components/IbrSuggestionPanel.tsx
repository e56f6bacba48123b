import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { formatDate, formatDecimal, formatPercent } from '@/lib/format';
import { useIbrSuggestion } from '../api';

interface IbrSuggestionPanelProps {
  contractId: string;
  /** Offered as "Use this rate" (fills the form's discount rate; the user still saves). */
  onUse?: (rate: string) => void;
}

/**
 * "Suggest a discount rate": the API's incremental borrowing rate for the contract's term
 * (government yield + the company's credit spread) with every input, asked for on demand. A
 * suggestion only: nothing changes until the user puts it in the form and saves.
 */
export function IbrSuggestionPanel({ contractId, onUse }: IbrSuggestionPanelProps) {
  const { t } = useTranslation('contracts');
  const [requested, setRequested] = useState(false);
  const suggestion = useIbrSuggestion(contractId, requested);
  const [used, setUsed] = useState(false);

  return (
    <section className="ibr" aria-labelledby={`ibr-${contractId}`}>
      <h3 id={`ibr-${contractId}`}>{t('ibr.title')}</h3>
      <p className="field__hint">{t('ibr.hint')}</p>
      {!requested && (
        <button type="button" className="button button--secondary" onClick={() => setRequested(true)}>
          {t('ibr.suggest')}
        </button>
      )}
      {/* A suggestion asked for elsewhere (the edit form) stays cached; here it shows once asked for. */}
      {requested && suggestion.isFetching && <Spinner />}
      {requested && suggestion.error && <ProblemAlert error={suggestion.error} />}
      {requested && suggestion.data && (
        <div>
          <p className="ibr__rate">
            {t('ibr.rate')}: <strong>{formatPercent(suggestion.data.rate)}</strong>
          </p>
          <dl className="facts">
            <dt>{t('ibr.series')}</dt>
            <dd>{suggestion.data.inputs.series}</dd>
            <dt>{t('ibr.tenor')}</dt>
            <dd>{t('ibr.years', { years: formatDecimal(suggestion.data.inputs.tenorYears) })}</dd>
            <dt>{t('ibr.yield')}</dt>
            <dd>{formatPercent(suggestion.data.inputs.governmentYield)}</dd>
            <dt>{t('ibr.yieldDate')}</dt>
            <dd>{formatDate(suggestion.data.inputs.yieldDate)}</dd>
            <dt>{t('ibr.creditSpread')}</dt>
            <dd>{formatPercent(suggestion.data.inputs.creditSpread)}</dd>
            {suggestion.data.inputs.yields.map((point) => (
              <div key={point.series} className="facts__row">
                <dt>{point.series}</dt>
                <dd>
                  {formatPercent(point.value)} ({t('ibr.years', { years: formatDecimal(point.tenorYears) })})
                </dd>
              </div>
            ))}
          </dl>
          {onUse && (
            <p>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  onUse(suggestion.data.rate);
                  setUsed(true);
                }}
              >
                {t('ibr.use')}
              </button>
              {used && (
                <span className="ibr__used" role="status">
                  {' '}
                  {t('ibr.used')}
                </span>
              )}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
