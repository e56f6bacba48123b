import type { Schedule, ScheduleRow } from './api';
import { day, isoOf, remeasurementPoints } from './scheduleMarks';

function row(period: number, version: number, liabilityRemeasurement = '0.00'): ScheduleRow {
  const year = 2025 + period;
  return {
    period,
    startDate: `${year}-01-01`,
    endDate: `${year}-12-31`,
    paymentDate: `${year}-01-01`,
    openingLiability: '100.00',
    liabilityRemeasurement,
    interest: '0.00',
    payment: '10.00',
    closingLiability: '90.00',
    openingRightOfUseAsset: '100.00',
    rightOfUseAssetRemeasurement: '0.00',
    depreciation: '10.00',
    closingRightOfUseAsset: '90.00',
    expense: '0.00',
    version,
  };
}

function schedule(rows: ScheduleRow[], remeasurements: Schedule['remeasurements'] = []): Schedule {
  return {
    contractId: 'c1',
    currency: 'SEK',
    framework: 'ifrs16',
    rateConvention: 'effective',
    measurement: { leaseLiability: '100.00', rightOfUseAsset: '100.00', periodicRate: '0.05' },
    remeasurements,
    rows,
  };
}

describe('remeasurementPoints', () => {
  it('marks each version change at its effective date with the liability after it', () => {
    const marks = remeasurementPoints(
      schedule(
        [row(1, 1), row(2, 1), row(3, 2, '-10199.59'), row(4, 2), row(5, 3)],
        [
          { version: 2, effectiveFrom: '2028-01-01', liabilityBefore: '339318.66', liabilityAfter: '329119.07', rightOfUseAssetBefore: '1', rightOfUseAssetAfter: '1', profitOrLoss: '0.00' },
          // A change that kept the liability (e.g. a new reference) still starts a version.
          { version: 3, effectiveFrom: '2030-01-01', liabilityBefore: '100.00', liabilityAfter: '100.00', rightOfUseAssetBefore: '1', rightOfUseAssetAfter: '1', profitOrLoss: '0.00' },
        ],
      ),
    );
    expect(marks.map((mark) => ({ date: isoOf(mark.time), version: mark.version, liability: mark.liabilityText }))).toEqual([
      { date: '2028-01-01', version: 2, liability: '329119.07' },
      { date: '2030-01-01', version: 3, liability: '100.00' },
    ]);
  });

  it('marks nothing for a contract of one version', () => {
    expect(remeasurementPoints(schedule([row(1, 1), row(2, 1)]))).toEqual([]);
  });

  it('reads dates as UTC days', () => {
    expect(isoOf(day('2035-12-31'))).toBe('2035-12-31');
  });
});
