import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import common from '@/locales/en/common.json';
import company from '@/locales/en/company.json';
import { ErasureScheduleForm } from './ErasureScheduleForm';

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'en', resources: { en: { common, company } }, interpolation: { escapeValue: false } });
});

describe('scheduling the company erasure', () => {
  it('keeps the button disabled until the name is typed exactly and a reason given', async () => {
    const user = userEvent.setup();
    const onSchedule = vi.fn(async () => undefined);
    render(<ErasureScheduleForm companyName="Acme AB" busy={false} error={null} onSchedule={onSchedule} />);
    const button = screen.getByRole('button', { name: 'Schedule the erasure' });
    const name = screen.getByLabelText("Type the company's name «Acme AB» to confirm");
    const reason = screen.getByLabelText('Reason');

    await user.type(reason, 'the subscription ends');
    expect(button).toBeDisabled();
    await user.type(name, 'acme ab');
    expect(button).toBeDisabled();
    await user.clear(name);
    await user.type(name, 'Acme AB');
    expect(button).toBeEnabled();
    await user.clear(reason);
    expect(button).toBeDisabled();
    await user.type(reason, ' the subscription ends ');
    await user.click(button);
    expect(onSchedule).toHaveBeenCalledWith('Acme AB', 'the subscription ends');
  });

  it('offers nothing to match while the name is unknown', async () => {
    const user = userEvent.setup();
    render(<ErasureScheduleForm companyName={undefined} busy={false} error={null} onSchedule={vi.fn()} />);
    await user.type(screen.getByLabelText('Reason'), 'r');
    expect(screen.getByRole('button', { name: 'Schedule the erasure' })).toBeDisabled();
  });
});
