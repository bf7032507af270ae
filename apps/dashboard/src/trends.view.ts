// Trends by month: one chart.js line chart per main rate, its target as a dashed line, and the numbers in a table
// under each chart (a canvas says nothing to a screen reader or a test).
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { IndicatorKey, Timeseries } from '@motcua/contracts';
import { byId, h, replace, table } from './dom';
import { formatCount, formatMonth, formatRate } from './format';
import { INDICATOR_LABELS, SHORT_LABELS } from './labels';

// Only what a line chart needs: the bundle stays small (tree-shaken chart.js).
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

/** The rates charted month by month. */
export const TREND_KEYS = [
  'onTimeRate',
  'onTime766Rate',
  'onlineSubmissionRate',
  'digitizationRate',
  'electronicRoutingRate',
  'onlinePaymentRate',
] as const satisfies readonly IndicatorKey[];

/** Months shown, the chosen one last. */
export const TREND_MONTHS = 12;

const charts = new Map<IndicatorKey, Chart<'line', (number | null)[], string>>();

function config(key: IndicatorKey, s: Timeseries): ChartConfiguration<'line', (number | null)[], string> {
  const hasTarget = s.points.some((p) => p.target);
  return {
    type: 'line',
    data: {
      labels: s.points.map((p) => formatMonth(p.period, true)),
      datasets: [
        {
          label: SHORT_LABELS[key] ?? key,
          data: s.points.map((p) => p.rate),
          borderColor: '#1f5fa8',
          backgroundColor: '#1f5fa8',
          tension: 0.2,
          spanGaps: false,
        },
        ...(hasTarget
          ? [
              {
                label: 'Chỉ tiêu',
                data: s.points.map((p) => p.target?.value ?? null),
                borderColor: '#b32d2e',
                backgroundColor: '#b32d2e',
                borderDash: [6, 4],
                pointRadius: 0,
                stepped: true as const,
              },
            ]
          : []),
      ],
    },
    options: {
      // Drawn once per refresh: no animation to wait for on a slow machine (nor in a screenshot).
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${String(v)}%` } } },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label ?? ''}: ${formatRate(c.parsed.y)}` } },
      },
    },
  };
}

function seriesTable(s: Timeseries): HTMLElement {
  return h(
    'details',
    { class: 'series' },
    h('summary', {}, 'Số liệu'),
    table(
      ['Tháng', 'Tỷ lệ', 'Tử số / mẫu số', 'Chỉ tiêu'],
      s.points.map((p) => [
        formatMonth(p.period),
        formatRate(p.rate),
        `${formatCount(p.numerator)} / ${formatCount(p.denominator)}`,
        p.target ? formatRate(p.target.value) : '—',
      ]),
      { 'data-series': s.indicator },
    ),
  );
}

/** The series over exactly these months, oldest first: a month the API left out (no dossier) is an empty point. */
export function fillMonths(s: Timeseries, months: readonly string[]): Timeseries {
  const byMonth = new Map(s.points.map((p) => [p.period.slice(0, 7), p]));
  // Targets are set by year: an empty month keeps its year's target, so the target line has no gap.
  const byYear = new Map(s.points.filter((p) => p.target).map((p) => [p.period.slice(0, 4), p.target]));
  return {
    ...s,
    points: months.map(
      (m) =>
        byMonth.get(m) ?? {
          period: `${m}-01`,
          numerator: 0,
          denominator: 0,
          rate: null,
          target: byYear.get(m.slice(0, 4)) ?? null,
        },
    ),
  };
}

/** Draws every chart from its series over `months`; a series that failed shows why. */
export function renderTrends(
  series: ReadonlyMap<IndicatorKey, Timeseries | Error>,
  months: readonly string[],
): void {
  const grid = byId('trend-grid');
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
  replace(grid);
  for (const key of TREND_KEYS) {
    const s = series.get(key);
    const figure = h(
      'figure',
      { class: 'trend', 'data-trend': key },
      h('figcaption', {}, INDICATOR_LABELS[key]),
    );
    grid.appendChild(figure);
    if (!s || s instanceof Error) {
      figure.appendChild(
        h('p', { class: 'problem' }, `Không tải được số liệu: ${s?.message ?? 'không có dữ liệu'}`),
      );
      continue;
    }
    const filled = fillMonths(s, months);
    const canvas = h('canvas', { role: 'img', 'aria-label': `Biểu đồ ${INDICATOR_LABELS[key]} theo tháng` });
    figure.append(h('div', { class: 'chart-box' }, canvas), seriesTable(filled));
    charts.set(key, new Chart(canvas, config(key, filled)));
  }
}
