import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['sv', 'en', 'da', 'nb', 'fi', 'lt', 'lv', 'et'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'sv';
/** The one thing the app keeps across reloads: the language the user picked (not personal data). */
const STORAGE_KEY = 'mypages.language';

/** Locale tags for Intl (numbers, dates, currencies) per UI language. */
export const INTL_LOCALE: Record<Language, string> = {
  sv: 'sv-SE',
  en: 'en-GB',
  da: 'da-DK',
  nb: 'nb-NO',
  fi: 'fi-FI',
  lt: 'lt-LT',
  lv: 'lv-LV',
  et: 'et-EE',
};

// One catalogue per language and namespace (`common` or a feature), loaded when the language is.
const catalogues = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json');

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE;
}

async function loadLanguage(language: Language) {
  const prefix = `../locales/${language}/`;
  await Promise.all(
    Object.entries(catalogues)
      .filter(([path]) => path.startsWith(prefix))
      .map(async ([path, load]) => {
        const namespace = path.slice(prefix.length, -'.json'.length);
        if (!i18next.hasResourceBundle(language, namespace)) {
          i18next.addResourceBundle(language, namespace, (await load()).default, true, true);
        }
      }),
  );
}

export async function initI18n(language: Language = storedLanguage()) {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    defaultNS: 'common',
    ns: ['common'],
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await Promise.all([loadLanguage(language), language === 'en' ? null : loadLanguage('en')]);
  document.documentElement.lang = language;
  return i18next;
}

/** Switches the UI language, remembers it, and tells the page (screen readers, hyphenation). */
export async function changeLanguage(language: Language) {
  await loadLanguage(language);
  await i18next.changeLanguage(language);
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private windows may refuse storage: the choice then lasts for this tab only.
  }
  document.documentElement.lang = language;
}
