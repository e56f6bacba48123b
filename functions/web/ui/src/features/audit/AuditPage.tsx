import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type ColumnDef } from '@/components/DataTable';
import { Field } from '@/components/Field';
import { PageHeader } from '@/components/PageHeader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { useCan, useMe } from '@/lib/auth';
import { formatInstant } from '@/lib/format';
import { useAuditLog, useUserDirectory } from './api';
import { ChainVerification } from './ChainVerification';
import {
  actionKey,
  actorIdentity,
  AUDIT_ACTIONS,
  NO_FILTERS,
  type AuditChain,
  type AuditFilters,
  type AuditRecord,
  type DirectoryUser,
} from './query';
import './audit.css';

/** `/audit` (admins and auditors): the audit log, filtered, newest first, and the chain check. */
export function AuditPage() {
  const { t } = useTranslation('audit');
  const me = useMe();
  const mayRead = useCan('readAudit');
  if (me.isPending) return <Spinner />;
  if (!mayRead) {
    return (
      <section>
        <PageHeader title={t('title')} />
        <p className="alert alert--info">{t('notAllowed')}</p>
      </section>
    );
  }
  return <AuditLog />;
}

function AuditLog() {
  const { t } = useTranslation('audit');
  const isAdmin = useCan('administerCompany');
  const directory = useUserDirectory(isAdmin);
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const log = useAuditLog(filters);
  const records = useMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [], [log.data]);
  const columns = useAuditColumns(directory.data);

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
  }

  return (
    <section>
      <PageHeader title={t('title')} />
      <ChainVerification />
      <form className="panel audit-filters" onSubmit={apply} aria-label={t('filters.label')}>
        <Field label={t('filters.chain')} hint={t(`chains.${draft.chain}.hint`)}>
          {(props) => (
            <select
              {...props}
              value={draft.chain}
              // The actions differ per chain: a new chain starts with any action.
              onChange={(e) => setDraft({ ...draft, chain: e.target.value as AuditChain, action: '' })}
            >
              {(['data', 'security'] as const).map((chain) => (
                <option key={chain} value={chain}>
                  {t(`chains.${chain}.name`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('filters.from')}>
          {(props) => <input type="date" {...props} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
        </Field>
        <Field label={t('filters.to')}>
          {(props) => <input type="date" {...props} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
        </Field>
        <Field label={t('filters.action')}>
          {(props) => (
            <select {...props} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
              <option value="">{t('filters.anyAction')}</option>
              {AUDIT_ACTIONS[draft.chain].map((action) => (
                <option key={action} value={action}>
                  {t(actionKey(action), { defaultValue: action })} ({action})
                </option>
              ))}
            </select>
          )}
        </Field>
        {isAdmin && directory.data ? (
          <Field label={t('filters.actor')}>
            {(props) => (
              <select {...props} value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })}>
                <option value="">{t('filters.anyActor')}</option>
                {[...directory.data.values()].map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.email ?? `${t('actor.erased')} (${user.id})`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field label={t('filters.actorId')} hint={t('filters.actorIdHint')}>
            {(props) => (
              <input {...props} value={draft.actor} spellCheck={false} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
            )}
          </Field>
        )}
        <div className="audit-filters__actions">
          <button type="submit" className="button">
            {t('filters.apply')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
            }}
          >
            {t('filters.clear')}
          </button>
        </div>
      </form>

      <section aria-labelledby="audit-records-title">
        <h2 id="audit-records-title">{t(`chains.${filters.chain}.title`)}</h2>
        {log.isPending ? (
          <Spinner />
        ) : !log.data ? (
          <ProblemAlert error={log.error} />
        ) : (
          <>
            <p className="audit-count" role="status">
              {t(log.hasNextPage ? 'records.shownMore' : 'records.shown', { shown: records.length })}
            </p>
            <DataTable
              caption={t(`chains.${filters.chain}.title`)}
              columns={columns}
              data={records}
              rowId={(record) => `${record.chain}-${record.seq}`}
              empty={t('records.empty')}
            />
            {log.hasNextPage && (
              <button
                type="button"
                className="button button--secondary audit-more"
                disabled={log.isFetchingNextPage}
                onClick={() => void log.fetchNextPage()}
              >
                {log.isFetchingNextPage ? t('records.loading') : t('records.more')}
              </button>
            )}
            {/* A failed next page keeps the records read so far. */}
            <ProblemAlert error={log.error} />
          </>
        )}
      </section>
    </section>
  );
}

function useAuditColumns(users: ReadonlyMap<string, DirectoryUser> | undefined) {
  const { t } = useTranslation('audit');
  return useMemo<ColumnDef<AuditRecord, unknown>[]>(
    () => [
      { id: 'seq', header: t('records.seq'), accessorFn: (record) => record.seq, meta: { numeric: true } },
      {
        id: 'at',
        header: t('records.at'),
        accessorFn: (record) => record.at,
        cell: ({ row }) => <time dateTime={row.original.at}>{formatInstant(row.original.at)}</time>,
      },
      {
        id: 'actor',
        header: t('records.actor'),
        accessorFn: (record) => record.actor,
        cell: ({ row }) => <ActorName actor={row.original.actor} users={users} />,
      },
      {
        id: 'action',
        header: t('records.action'),
        accessorFn: (record) => record.action,
        cell: ({ row }) => (
          <span className="audit-action">
            {t(actionKey(row.original.action), { defaultValue: row.original.action })}
            <code>{row.original.action}</code>
          </span>
        ),
      },
      {
        id: 'target',
        header: t('records.target'),
        accessorFn: (record) => record.target,
        cell: ({ row }) => <code className="audit-id">{row.original.target}</code>,
      },
      {
        id: 'reason',
        header: t('records.reason'),
        accessorFn: (record) => record.reason ?? '',
        cell: ({ row }) => row.original.reason ?? '–',
      },
      {
        id: 'requestId',
        header: t('records.requestId'),
        accessorFn: (record) => record.requestId,
        enableSorting: false,
        cell: ({ row }) => <code className="audit-id">{row.original.requestId}</code>,
      },
    ],
    [t, users],
  );
}

function ActorName({ actor, users }: { actor: string; users: ReadonlyMap<string, DirectoryUser> | undefined }) {
  const { t } = useTranslation('audit');
  const identity = actorIdentity(actor, users);
  switch (identity.kind) {
    case 'user':
      return <span title={actor}>{identity.email}</span>;
    case 'erased':
      return <em title={actor}>{t('actor.erased')}</em>;
    case 'system':
      return <em>{t('actor.system')}</em>;
    case 'operator':
      return <em title={actor}>{t('actor.operator')}</em>;
    default:
      return <code className="audit-id">{identity.id}</code>;
  }
}
