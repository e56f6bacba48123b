import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { formatDate, formatDecimal } from '@/lib/format';
import { currentLanguage, INTL_LOCALE } from '@/lib/i18n';
import { useFxAverage, useFxRate } from './api';
import { FX_CURRENCIES } from './series';

function currencyName(code: string): string {
  try {
    return new Intl.DisplayNames([INTL_LOCALE[currentLanguage()]], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * FX over the range: the API has no daily FX series, so the page shows the rate on the range's
 * first and last day (each the latest published day on or before it) and the average over it.
 */
export function FxPanel({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation('rates');
  const [base, setBase] = useState<string>('EUR');
  const [quote, setQuote] = useState<string>('SEK');
  const enabled = base !== quote;
  const first = useFxRate(base, quote, from, enabled);
  const last = useFxRate(base, quote, to, enabled);
  const average = useFxAverage(base, quote, from, to, enabled);

  const picker = (label: string, value: string, onChange: (code: string) => void) => (
    <Field label={label}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value)}>
          {FX_CURRENCIES.map((code) => (
            <option key={code} value={code}>
              {code} – {currencyName(code)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <section className="panel" aria-labelledby="fx-title">
      <h2 id="fx-title">{t('fx.title')}</h2>
      <p className="rates-note">{t('fx.note')}</p>
      <div className="toolbar">
        {picker(t('fx.base'), base, setBase)}
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setBase(quote);
            setQuote(base);
          }}
        >
          {t('fx.swap')}
        </button>
        {picker(t('fx.quote'), quote, setQuote)}
      </div>
      {!enabled ? (
        <p>{t('fx.same')}</p>
      ) : (
        <table className="data-table fx-table">
          <caption className="visually-hidden">{t('fx.caption', { base, quote })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fx.what')}</th>
              <th scope="col" className="num">
                {t('fx.rate', { base, quote })}
              </th>
              <th scope="col">{t('fx.basis')}</th>
            </tr>
          </thead>
          <tbody>
            {[
              { label: t('fx.on', { date: formatDate(from) }), query: first },
              { label: t('fx.on', { date: formatDate(to) }), query: last },
            ].map(({ label, query }) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{query.data ? formatDecimal(query.data.rate, 6) : null}</td>
                <td>
                  {query.isPending ? (
                    <Spinner />
                  ) : query.isError ? (
                    <ProblemAlert error={query.error} />
                  ) : (
                    t('fx.published', {
                      date: formatDate(query.data.rateDate),
                      source: query.data.source ? t(`sources.${query.data.source}`) : t('sources.mixed'),
                    })
                  )}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('fx.average', { from: formatDate(from), to: formatDate(to) })}</th>
              <td className="num">{average.data ? formatDecimal(average.data.rate, 6) : null}</td>
              <td>
                {average.isPending ? (
                  <Spinner />
                ) : average.isError ? (
                  <ProblemAlert error={average.error} />
                ) : (
                  t('fx.observations', { days: average.data.observations })
                )}
              </td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
