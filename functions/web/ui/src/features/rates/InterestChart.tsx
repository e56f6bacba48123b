import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatDecimal } from '@/lib/format';
import { chartPoints, INTEREST_SERIES, type InterestRow, type InterestSeries } from './series';

/** Line colours with at least 3:1 contrast on white (WCAG 2.2 non-text contrast). */
const COLOURS: Record<InterestSeries, string> = {
  SECBREPOEFF: '#1f4e79',
  SEGVB2YC: '#b45309',
  SEGVB5YC: '#1e6b34',
  SEGVB10YC: '#6b21a8',
};

/** The interest series over the range as lines (the table beside it has the exact values). */
export function InterestChart({ rows, shown }: { rows: readonly InterestRow[]; shown: readonly InterestSeries[] }) {
  const { t } = useTranslation('rates');
  const points = chartPoints(rows);
  return (
    <figure className="rates-chart">
      <figcaption>{t('interest.chartCaption')}</figcaption>
      <div className="rates-chart__plot" role="img" aria-label={t('interest.chartLabel', { days: rows.length })}>
        <ResponsiveContainer width="100%" height={320}>
          <LineChart data={points} margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#d5dbe1" strokeDasharray="3 3" />
            <XAxis dataKey="date" tickFormatter={(date: string) => formatDate(date)} minTickGap={32} stroke="#4a5560" />
            <YAxis
              unit=" %"
              width={64}
              domain={['auto', 'auto']}
              tickFormatter={(value: number) => formatDecimal(String(value), 2)}
              stroke="#4a5560"
            />
            <Tooltip
              labelFormatter={(date) => formatDate(String(date))}
              formatter={(value, name) => [`${formatDecimal(String(value), 4)} %`, t(`series.${String(name)}`)]}
            />
            <Legend
              formatter={(name) => t(`series.${String(name)}`)}
              // In the order of the checkboxes and the table, not alphabetical.
              itemSorter={(item) => INTEREST_SERIES.indexOf(item.dataKey as InterestSeries)}
            />
            {INTEREST_SERIES.filter((series) => shown.includes(series)).map((series) => (
              <Line
                key={series}
                type="stepAfter"
                dataKey={series}
                name={series}
                stroke={COLOURS[series]}
                strokeWidth={2}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
