import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { useVerifyChain } from './api';

/** "Verify the chain": `GET /audit/verify` and its answer, intact or where it breaks. */
export function ChainVerification() {
  const { t } = useTranslation('audit');
  const verify = useVerifyChain();
  const report = verify.data;
  return (
    <section className="panel audit-verify" aria-labelledby="audit-verify-title">
      <h2 id="audit-verify-title">{t('verify.title')}</h2>
      <p className="audit-verify__intro">{t('verify.intro')}</p>
      <button type="button" className="button" disabled={verify.isPending} onClick={() => verify.mutate()}>
        {t('verify.run')}
      </button>
      <div aria-live="polite">
        {verify.isPending && <Spinner label={t('verify.running')} />}
        <ProblemAlert error={verify.error} />
        {report && (
          <div className={report.valid ? 'alert alert--success' : 'alert alert--error'} role="status">
            <strong>
              {report.valid
                ? t('verify.valid')
                : t('verify.invalid', { seq: report.firstBadSeq ?? '?' })}
            </strong>
            <dl className="facts audit-verify__facts">
              <dt>{t('verify.records')}</dt>
              <dd>{report.records}</dd>
              <dt>{t('verify.headSeq')}</dt>
              <dd>{report.headSeq}</dd>
              <dt>{t('verify.headHash')}</dt>
              <dd>
                <code className="audit-hash">{report.headHash}</code>
              </dd>
              {report.firstBadSeq !== undefined && (
                <>
                  <dt>{t('verify.firstBadSeq')}</dt>
                  <dd>{report.firstBadSeq}</dd>
                </>
              )}
            </dl>
            <p className="audit-verify__scope">{t('verify.scope')}</p>
            <table className="data-table audit-verify__chains">
              <caption>{t('verify.chainsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('verify.chain')}</th>
                  <th scope="col">{t('verify.result')}</th>
                  <th scope="col" className="num">
                    {t('verify.records')}
                  </th>
                  <th scope="col" className="num">
                    {t('verify.headSeq')}
                  </th>
                  <th scope="col">{t('verify.headHash')}</th>
                  <th scope="col" className="num">
                    {t('verify.checkpoint')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.chains.map((chain) => (
                  <tr key={chain.chain}>
                    <th scope="row">{t(`chains.${chain.chain}.name`)}</th>
                    <td>
                      {chain.valid ? (
                        <span className="badge badge--success">{t('verify.chainValid')}</span>
                      ) : (
                        <>
                          <span className="badge badge--danger">
                            {t('verify.chainInvalid', { seq: chain.firstBadSeq ?? '?' })}
                          </span>
                          {chain.problem && <p className="audit-verify__problem">{t(`problems.${chain.problem}`)}</p>}
                        </>
                      )}
                    </td>
                    <td className="num">{chain.records}</td>
                    <td className="num">{chain.headSeq}</td>
                    <td>
                      <code className="audit-hash">{chain.headHash}</code>
                    </td>
                    <td className="num">{chain.checkpointSeq ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
