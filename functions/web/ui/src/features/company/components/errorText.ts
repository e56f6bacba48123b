import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

/** A field's message: the API's (type `server`, already in the user's language) as it is; a form check's is a catalogue key. */
export function useErrorText() {
  const { t } = useTranslation('company');
  return (error: FieldError | undefined): string | undefined => {
    if (!error?.message) return undefined;
    return error.type === 'server' ? error.message : t(error.message);
  };
}
