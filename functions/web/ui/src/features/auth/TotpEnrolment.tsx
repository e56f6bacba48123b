import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '@/components/Spinner';
import type { MfaSetup } from './signInSteps';
import './auth.css';

/**
 * The authenticator app's secret as a QR code (a data: URL image: the CSP allows `img-src data:`)
 * and as text to type in. The code field belongs to the form around it.
 */
export function TotpEnrolment({ setup }: { setup: MfaSetup }) {
  const { t } = useTranslation('auth');
  const [qr, setQr] = useState<{ uri: string; image: string } | null>(null);

  useEffect(() => {
    let current = true;
    // The QR encoder is loaded when it is needed, not with the app's first screen.
    import('qrcode')
      .then(({ toDataURL }) => toDataURL(setup.otpauthUri, { margin: 1, width: 200, errorCorrectionLevel: 'M' }))
      .then((image) => {
        if (current) setQr({ uri: setup.otpauthUri, image });
      })
      .catch(() => {
        // The secret is shown as text below: the QR code is a convenience.
      });
    return () => {
      current = false;
    };
  }, [setup.otpauthUri]);

  return (
    <div className="totp-enrolment">
      <p>{t('enrol.scan')}</p>
      {qr?.uri === setup.otpauthUri ? (
        <img className="totp-enrolment__qr" src={qr.image} alt={t('enrol.qrAlt')} width={200} height={200} />
      ) : (
        <Spinner />
      )}
      <p>
        {t('enrol.secretText')} <code className="secret">{setup.secretCode}</code>
      </p>
    </div>
  );
}
