import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initI18n, storedLanguage } from '@/lib/i18n';
import { LanguagePicker } from './LanguagePicker';

describe('the language picker', () => {
  beforeEach(() => {
    window.localStorage.clear();
  });

  it('starts in Swedish when nothing was chosen in this browser', async () => {
    expect(storedLanguage()).toBe('sv');
    await initI18n();
    render(<LanguagePicker />);
    expect(screen.getByLabelText('Språk')).toHaveValue('sv');
    expect(document.documentElement.lang).toBe('sv');
  });

  it('switches the UI and remembers the choice for the next visit', async () => {
    await initI18n('sv');
    render(<LanguagePicker />);
    await userEvent.selectOptions(screen.getByLabelText('Språk'), 'fi');
    await waitFor(() => expect(screen.getByLabelText('Kieli')).toHaveValue('fi'));
    expect(i18next.language).toBe('fi');
    expect(document.documentElement.lang).toBe('fi');
    expect(window.localStorage.getItem('mypages.language')).toBe('fi');
    // The next page load starts from what was stored.
    expect(storedLanguage()).toBe('fi');
  });

  it('ignores a stored value that is no language of the app', () => {
    window.localStorage.setItem('mypages.language', 'xx');
    expect(storedLanguage()).toBe('sv');
  });
});
