import type { Schedule } from './api';

/** A day as a number for the time axis (UTC midnight: no time-zone shifts). */
export function day(iso: string): number {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

export function isoOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The points where a version after the first remeasured the contract. */
export function remeasurementPoints(schedule: Schedule) {
  const byVersion = new Map(schedule.remeasurements.map((remeasurement) => [remeasurement.version, remeasurement]));
  return schedule.rows
    .filter((row, index) => {
      const previous = schedule.rows[index - 1];
      return Number(row.liabilityRemeasurement) !== 0 || (previous !== undefined && previous.version !== row.version);
    })
    .map((row) => {
      const remeasurement = byVersion.get(row.version);
      const liabilityAfter = remeasurement?.liabilityAfter ?? row.openingLiability;
      return {
        time: day(remeasurement?.effectiveFrom ?? row.startDate),
        version: row.version,
        liability: Number(liabilityAfter),
        liabilityText: liabilityAfter,
      };
    });
}
