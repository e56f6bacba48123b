import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DataTable, type ColumnDef } from '@/components/DataTable';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { ReasonDialog } from '@/components/ReasonDialog';
import { Spinner } from '@/components/Spinner';
import { formatInstant } from '@/lib/format';
import { LANGUAGES, type Language } from '@/lib/i18n';
import { fieldErrors, ProblemError } from '@/lib/problem';
import { useEraseUser, useInviteUser, useRemoveUser, useUpdateUser, useUsers, type Role, type User } from './api';
import { useErrorText } from './components/errorText';
import { explainProblem } from './components/explainProblem';
import { confirmationMatches } from './countdown';
import { userPatch } from './userPatch';

const ROLES: Role[] = ['admin', 'editor', 'viewer', 'auditor'];

type Action = { kind: 'edit' | 'deactivate' | 'reactivate' | 'remove' | 'erase'; user: User };

export function UsersPage() {
  const { t } = useTranslation('company');
  const users = useUsers();
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const columns = useUserColumns((kind, user) => {
    setDone(null);
    setAction({ kind, user });
  });
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{t('users.heading')}</h2>
      <InviteForm onInvited={(email) => setDone(t('users.invited', { email }))} />
      {done && (
        <p className="alert alert--success" role="status">
          {done}
        </p>
      )}
      {users.isPending && <Spinner />}
      <ProblemAlert error={users.error} />
      {users.data && (
        <DataTable
          caption={t('users.caption')}
          showCaption
          columns={columns}
          data={users.data}
          rowId={(user) => user.id}
          initialSorting={[{ id: 'createdAt', desc: false }]}
        />
      )}
      <UserActionDialog action={action} onClose={() => setAction(null)} onDone={setDone} />
    </section>
  );
}

function useUserColumns(open: (kind: Action['kind'], user: User) => void): ColumnDef<User, unknown>[] {
  const { t } = useTranslation('company');
  return useMemo<ColumnDef<User, unknown>[]>(
    () => [
      {
        id: 'email',
        header: t('users.email'),
        accessorFn: (user) => user.email ?? '',
        cell: ({ row }) => (row.original.erased ? <em>{t('users.erased')}</em> : row.original.email),
      },
      {
        id: 'roles',
        header: t('users.roles'),
        accessorFn: (user) => user.roles.join(', '),
        // Texts are made at render: the table caches accessor values, which would keep the old language.
        cell: ({ row }) => row.original.roles.map((role) => t(`roles.${role}`)).join(', '),
      },
      {
        id: 'locale',
        header: t('users.language'),
        accessorFn: (user) => user.locale,
        cell: ({ row }) => t(`language.names.${row.original.locale}`, { ns: 'common' }),
      },
      {
        id: 'active',
        header: t('users.active'),
        accessorFn: (user) => user.active,
        cell: ({ row }) => (
          <span className={row.original.active ? 'badge badge--success' : 'badge'}>
            {row.original.active ? t('users.activeYes') : t('users.activeNo')}
          </span>
        ),
      },
      {
        id: 'mfa',
        header: t('users.mfa'),
        accessorFn: (user) => user.mfaEnrolled,
        cell: ({ row }) => (row.original.mfaEnrolled ? t('users.yes') : t('users.no')),
      },
      {
        id: 'federated',
        header: t('users.federated'),
        accessorFn: (user) => user.federated,
        cell: ({ row }) => (row.original.federated ? t('users.yes') : t('users.no')),
      },
      {
        id: 'createdAt',
        header: t('users.created'),
        accessorFn: (user) => user.createdAt,
        cell: ({ row }) => formatInstant(row.original.createdAt),
      },
      {
        id: 'actions',
        header: t('users.actions'),
        enableSorting: false,
        cell: ({ row }) => {
          const user = row.original;
          if (user.erased) return null;
          return (
            <div className="row-actions">
              <button type="button" className="button--quiet" onClick={() => open('edit', user)}>
                {t('users.edit')}
              </button>
              <button type="button" className="button--quiet" onClick={() => open(user.active ? 'deactivate' : 'reactivate', user)}>
                {user.active ? t('users.deactivate') : t('users.reactivate')}
              </button>
              {user.active && (
                <button type="button" className="button--quiet" onClick={() => open('remove', user)}>
                  {t('users.remove')}
                </button>
              )}
              <button type="button" className="button--quiet" onClick={() => open('erase', user)}>
                {t('users.erase')}
              </button>
            </div>
          );
        },
      },
    ],
    [t, open],
  );
}

function RoleChoices({ legend, value, onChange, error }: { legend: string; value: Role[]; onChange: (roles: Role[]) => void; error?: string }) {
  const { t } = useTranslation('company');
  return (
    <fieldset className="role-choices">
      <legend>{legend}</legend>
      {ROLES.map((role) => (
        <label key={role}>
          <input
            type="checkbox"
            checked={value.includes(role)}
            onChange={(event) => onChange(event.target.checked ? [...value, role] : value.filter((other) => other !== role))}
          />
          {t(`roles.${role}`)}
        </label>
      ))}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

const inviteSchema = z.object({
  email: z.string().trim().email('users.errors.email'),
  roles: z.array(z.enum(['admin', 'editor', 'viewer', 'auditor'])).min(1, 'users.errors.roles'),
  locale: z.enum(LANGUAGES),
  temporaryPassword: z.string(),
});
type InviteValues = z.infer<typeof inviteSchema>;

function InviteForm({ onInvited }: { onInvited: (email: string) => void }) {
  const { t } = useTranslation('company');
  const errorText = useErrorText();
  const invite = useInviteUser();
  const [refusal, setRefusal] = useState<unknown>(null);
  const { register, handleSubmit, formState, setError, reset, watch, setValue } = useForm<InviteValues>({
    resolver: zodResolver(inviteSchema),
    defaultValues: { email: '', roles: ['viewer'], locale: 'sv', temporaryPassword: '' },
  });
  const roles = watch('roles');

  return (
    <form
      className="panel company-form"
      noValidate
      aria-labelledby="invite-heading"
      onSubmit={handleSubmit(async (values) => {
        setRefusal(null);
        const temporaryPassword = values.temporaryPassword.trim();
        try {
          await invite.mutateAsync({
            email: values.email.trim(),
            roles: values.roles,
            locale: values.locale,
            ...(temporaryPassword ? { temporaryPassword } : {}),
          });
          reset();
          onInvited(values.email.trim());
        } catch (error) {
          const perField = error instanceof ProblemError ? fieldErrors(error.problem) : {};
          for (const [field, message] of Object.entries(perField)) {
            if (['email', 'roles', 'locale', 'temporaryPassword'].includes(field)) {
              setError(field as FieldPath<InviteValues>, { type: 'server', message });
            }
          }
          setRefusal(error);
        }
      })}
    >
      <h3 id="invite-heading">{t('users.inviteHeading')}</h3>
      <div className="grid-2">
        <Field label={t('users.email')} error={errorText(formState.errors.email)}>
          {(props) => <input {...props} {...register('email')} type="email" autoComplete="off" />}
        </Field>
        <Field label={t('users.language')} hint={t('users.languageHint')} error={errorText(formState.errors.locale)}>
          {(props) => (
            <select {...props} {...register('locale')}>
              {LANGUAGES.map((language) => (
                <option key={language} value={language} lang={language}>
                  {t(`language.names.${language}`, { ns: 'common' })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <RoleChoices
        legend={t('users.roles')}
        value={roles}
        onChange={(next) => setValue('roles', next, { shouldValidate: formState.isSubmitted })}
        error={errorText(formState.errors.roles as Parameters<typeof errorText>[0])}
      />
      <Field label={t('users.temporaryPassword')} hint={t('users.temporaryPasswordHint')} error={errorText(formState.errors.temporaryPassword)}>
        {(props) => <input {...props} {...register('temporaryPassword')} type="password" autoComplete="new-password" />}
      </Field>
      <ProblemAlert error={refusal} />
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {t('users.invite')}
      </button>
    </form>
  );
}

function UserActionDialog({ action, onClose, onDone }: { action: Action | null; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation('company');
  const update = useUpdateUser();
  const remove = useRemoveUser();
  const erase = useEraseUser();
  const [roles, setRoles] = useState<Role[]>([]);
  const [locale, setLocale] = useState<Language>('sv');
  const [typedEmail, setTypedEmail] = useState('');
  const [shownFor, setShownFor] = useState<Action | null>(null);

  // A newly opened dialog starts from the user's current roles and language.
  if (action !== shownFor) {
    setShownFor(action);
    if (action) {
      setRoles([...action.user.roles]);
      setLocale(action.user.locale);
      setTypedEmail('');
    }
  }

  const user = action?.user;
  const who = user?.email ?? t('users.erased');
  const kind = action?.kind ?? 'edit';
  const editBody = user ? userPatch(user, roles, locale, '') : null;

  async function confirm(reason: string) {
    try {
      await change(reason);
    } catch (error) {
      throw explainProblem(error);
    }
  }

  async function change(reason: string) {
    if (!user) return;
    switch (kind) {
      case 'edit': {
        const body = userPatch(user, roles, locale, reason);
        if (!body) return;
        await update.mutateAsync({ user, body });
        onDone(t('users.done.edit', { who }));
        break;
      }
      case 'deactivate':
      case 'reactivate':
        await update.mutateAsync({ user, body: { active: kind === 'reactivate', reason } });
        onDone(t(`users.done.${kind}`, { who }));
        break;
      case 'remove':
        await remove.mutateAsync({ user, reason });
        onDone(t('users.done.remove', { who }));
        break;
      case 'erase':
        await erase.mutateAsync({ user, reason });
        onDone(t('users.done.erase'));
        break;
    }
  }

  return (
    <ReasonDialog
      open={action !== null}
      title={t(`users.dialog.${kind}.title`, { who })}
      confirmLabel={t(`users.dialog.${kind}.confirm`)}
      danger={kind === 'remove' || kind === 'erase' || kind === 'deactivate'}
      confirmDisabled={
        (kind === 'edit' && editBody === null) ||
        (kind === 'erase' && !confirmationMatches(typedEmail, user?.email))
      }
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>{t(`users.dialog.${kind}.detail`, { who })}</p>
      {kind === 'edit' && (
        <>
          <RoleChoices legend={t('users.roles')} value={roles} onChange={setRoles} />
          <Field label={t('users.language')}>
            {(props) => (
              <select {...props} value={locale} onChange={(event) => setLocale(event.target.value as Language)}>
                {LANGUAGES.map((language) => (
                  <option key={language} value={language} lang={language}>
                    {t(`language.names.${language}`, { ns: 'common' })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
      {kind === 'erase' && (
        <Field label={t('users.dialog.erase.typeEmail', { email: user?.email ?? '' })}>
          {(props) => <input {...props} value={typedEmail} onChange={(event) => setTypedEmail(event.target.value)} autoComplete="off" />}
        </Field>
      )}
    </ReasonDialog>
  );
}
