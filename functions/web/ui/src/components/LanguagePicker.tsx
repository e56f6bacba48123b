import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, isLanguage, LANGUAGES } from '@/lib/i18n';

/** The UI language; the choice is remembered in this browser and sent to the API as Accept-Language. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation('common');
  return (
    <label className="language-picker">
      <span>{t('language.label')}</span>
      <select
        value={isLanguage(i18n.language) ? i18n.language : currentLanguage()}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void changeLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.names.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
