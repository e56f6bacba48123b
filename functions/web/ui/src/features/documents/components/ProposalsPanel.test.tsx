import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { englishForTests, READ_LEASE, renderWith } from '../testing';
import { ProposalsPanel } from './ProposalsPanel';

beforeAll(englishForTests);

function item(label: string): HTMLElement {
  const row = screen.getByText(label, { selector: '.proposal__label' }).closest('li');
  if (!row) throw new Error(`no proposal ${label}`);
  return row;
}

describe('ProposalsPanel', () => {
  it('shows each field with its translated label, formatted value, confidence and source', () => {
    render(renderWith(<ProposalsPanel documentId="doc-1" onAccept={() => {}} />, [READ_LEASE]));
    const rent = item('Payment amount');
    expect(within(rent).getByText('12,500.00')).toBeInTheDocument();
    expect(within(rent).getByText('Confidence 92%')).toBeInTheDocument();
    expect(within(rent).getByText('Read on page 1:')).toBeInTheDocument();
    expect(within(rent).getByText('Hyra: 12 500,00 kr per månad')).toBeInTheDocument();
    expect(within(item('Payment frequency')).getByText('Monthly')).toBeInTheDocument();
    expect(within(item('Commencement date')).getByText('1 Jan 2026')).toBeInTheDocument();
    expect(within(item('Notice period')).getByText('9 months')).toBeInTheDocument();
    // In the contract form's order: name first, the rent after the dates.
    const labels = screen.getAllByText(/.+/, { selector: '.proposal__label' }).map((node) => node.textContent);
    expect(labels.slice(0, 7)).toEqual([
      'Name',
      'Lessor',
      'Currency',
      'Commencement date',
      'End date',
      'Payment amount',
      'Payment frequency',
    ]);
  });

  it('flags a confidence below 80 % and only that one', () => {
    render(renderWith(<ProposalsPanel documentId="doc-1" onAccept={() => {}} />, [READ_LEASE]));
    expect(within(item('Currency')).getByText('Low confidence: check the value')).toBeInTheDocument();
    expect(within(item('Currency')).getByText('Confidence 72%')).toBeInTheDocument();
    expect(screen.getAllByText('Low confidence: check the value')).toHaveLength(1);
  });

  it('accepts one field with its API name and value as proposed', async () => {
    const onAccept = vi.fn();
    render(renderWith(<ProposalsPanel documentId="doc-1" onAccept={onAccept} />, [READ_LEASE]));
    await userEvent.click(screen.getByRole('button', { name: 'Accept Payment amount' }));
    expect(onAccept).toHaveBeenCalledTimes(1);
    expect(onAccept).toHaveBeenCalledWith('payment.amount', '12500.00');
    expect(within(item('Payment amount')).getByText('Accepted')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Payment amount filled in.');
    await userEvent.click(screen.getByRole('button', { name: 'Accept Lessor' }));
    expect(onAccept).toHaveBeenLastCalledWith('lessor', 'Fastighets AB Norrsken');
  });

  it('accepts all contract fields at once, never those no contract field takes', async () => {
    const onAccept = vi.fn();
    render(renderWith(<ProposalsPanel documentId="doc-1" onAccept={onAccept} />, [READ_LEASE]));
    await userEvent.click(screen.getByRole('button', { name: 'Accept all' }));
    expect(onAccept.mock.calls).toEqual([
      ['name', 'Kontorslokal, Storgatan 1, Stockholm'],
      ['lessor', 'Fastighets AB Norrsken'],
      ['currency', 'SEK'],
      ['commencementDate', '2026-01-01'],
      ['endDate', '2030-12-31'],
      ['payment.amount', '12500.00'],
      ['payment.frequency', 'monthly'],
    ]);
    expect(screen.queryByRole('button', { name: /Accept Lessee/ })).toBeNull();
    expect(within(item('Lessee')).getByText('For information: the contract has no such field.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('7 fields filled in.');
  });

  it('without onAccept shows the proposals read-only', () => {
    render(renderWith(<ProposalsPanel documentId="doc-1" />, [READ_LEASE]));
    expect(screen.getByText('Fastighets AB Norrsken')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says why there are no proposals when the document failed', () => {
    render(
      renderWith(<ProposalsPanel documentId="doc-1" onAccept={() => {}} />, [
        { ...READ_LEASE, status: 'failed', failureReason: 'encrypted', proposed: null },
      ]),
    );
    expect(screen.getByText('No proposals: The PDF is password-protected.')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows progress while the document is read', () => {
    render(
      renderWith(<ProposalsPanel documentId="doc-1" onAccept={() => {}} />, [
        { ...READ_LEASE, status: 'processing', proposed: null, pages: null },
      ]),
    );
    expect(screen.getByRole('progressbar', { name: 'Reading the document…' })).toBeInTheDocument();
  });
});
