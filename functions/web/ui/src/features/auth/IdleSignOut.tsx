import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignOut } from '@/lib/auth';
import { useIdleMinutes, useIdleTimer } from './idle';
import './auth.css';

/**
 * The idle sign-out of a signed-in tab: a warning a minute before, then the sign-out (which
 * calls POST /auth/logout). The shell renders it once; the sign-in screen then says why.
 */
export function IdleSignOut() {
  const { t } = useTranslation('auth');
  const minutes = useIdleMinutes();
  const signOut = useSignOut();
  const onIdle = useCallback(() => void signOut('idle'), [signOut]);
  const { warning, stay } = useIdleTimer(minutes === undefined ? undefined : minutes * 60_000, onIdle);
  if (!warning) return null;
  return (
    <div className="idle-warning" role="alert">
      <p>{t('idle.warning')}</p>
      <button type="button" className="button" onClick={stay}>
        {t('idle.stay')}
      </button>
    </div>
  );
}
