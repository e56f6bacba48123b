import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate, formatDecimal, formatMoney } from '@/lib/format';
import type { Schedule } from '../api';
import { day, isoOf, remeasurementPoints } from '../scheduleMarks';

interface Point {
  time: number;
  liability: number;
  rightOfUseAsset: number;
  /** The API's exact figures, shown in the tooltip (the numbers above only place the points). */
  liabilityText: string;
  rightOfUseAssetText: string;
}

/**
 * The closing lease liability and right-of-use asset over the term, with the remeasurements
 * marked (a vertical line and a point at the liability after remeasurement). Loaded lazily:
 * recharts stays out of the entry chunk. The amounts are placed as numbers (pixels only); the
 * tooltip and the table show the API's exact decimals.
 */
export default function ScheduleChart({ schedule, title }: { schedule: Schedule; title: string }) {
  const { t } = useTranslation('contracts');
  const first = schedule.rows[0];
  const points: Point[] = [
    ...(first
      ? [
          {
            time: day(first.startDate),
            liability: Number(schedule.measurement.leaseLiability),
            rightOfUseAsset: Number(schedule.measurement.rightOfUseAsset),
            liabilityText: schedule.measurement.leaseLiability,
            rightOfUseAssetText: schedule.measurement.rightOfUseAsset,
          },
        ]
      : []),
    ...schedule.rows.map((row) => ({
      time: day(row.endDate),
      liability: Number(row.closingLiability),
      rightOfUseAsset: Number(row.closingRightOfUseAsset),
      liabilityText: row.closingLiability,
      rightOfUseAssetText: row.closingRightOfUseAsset,
    })),
  ];
  const marks = remeasurementPoints(schedule);
  // At most about ten dates on the axis, spread evenly over the term.
  const step = Math.max(1, Math.ceil(points.length / 10));
  const ticks = points.filter((_, index) => index % step === 0).map((point) => point.time);
  // Whole units on the axis: the exact figures are in the tooltip and the table.
  const axisAmount = (value: number) => formatDecimal(String(Math.round(value)), 0);

  return (
    <div className="schedule-chart" role="img" aria-label={t('schedule.chartLabel', { title, count: marks.length })}>
      <ResponsiveContainer width="100%" height={360}>
        <ComposedChart data={points} margin={{ top: 16, right: 24, bottom: 8, left: 24 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d5dbe1" strokeDasharray="3 3" />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            ticks={ticks}
            tickFormatter={(time: number) => formatDate(isoOf(time))}
            stroke="#4a5560"
          />
          <YAxis tickFormatter={axisAmount} width={96} stroke="#4a5560" />
          <Tooltip
            labelFormatter={(time) => formatDate(isoOf(Number(time)))}
            formatter={(_value, name, item) => {
              const point = item.payload as Partial<Point> & { liabilityText?: string };
              const text = item.dataKey === 'rightOfUseAsset' ? point.rightOfUseAssetText : point.liabilityText;
              return [`${formatMoney(text)} ${schedule.currency}`, name];
            }}
          />
          <Legend />
          <Line
            type="linear"
            dataKey="liability"
            name={t('schedule.closingLiability')}
            stroke="#1f4e79"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="rightOfUseAsset"
            name={t('schedule.closingRightOfUseAsset')}
            stroke="#1e6b34"
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={false}
            isAnimationActive={false}
          />
          <Scatter
            data={marks}
            dataKey="liability"
            name={t('schedule.remeasurement')}
            fill="#b45309"
            shape="diamond"
            isAnimationActive={false}
          />
          {marks.map((mark) => (
            <ReferenceLine
              key={mark.version}
              x={mark.time}
              stroke="#b45309"
              strokeDasharray="4 4"
              label={{ value: t('schedule.versionMark', { version: mark.version }), position: 'top', fill: '#1a1f24' }}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
