// The league table: one row per unit the user may see, from one summary per unit, best on-time rate first.
import type { IndicatorKey, MetricsSummary, Unit } from '@motcua/contracts';
import { byId, h, replace, table } from './dom';
import { formatCount, formatRate } from './format';
import { verdictOf } from './indicators.view';
import { SHORT_LABELS } from './labels';

/** The rates compared across units. */
export const LEAGUE_KEYS = [
  'onTimeRate',
  'onTime766Rate',
  'onlineSubmissionRate',
  'digitizationRate',
  'apologyCompliance',
] as const satisfies readonly IndicatorKey[];

export interface LeagueRow {
  unit: Unit;
  summary: MetricsSummary | Error;
}

/** Best on-time rate first; units with nothing to rate, then those whose summary failed, last. */
export function rankRows(rows: readonly LeagueRow[]): LeagueRow[] {
  const rate = (r: LeagueRow): number =>
    r.summary instanceof Error ? -2 : (r.summary.indicators.onTimeRate?.rate ?? -1);
  return [...rows].sort((a, b) => rate(b) - rate(a) || a.unit.name.localeCompare(b.unit.name, 'vi'));
}

function rateCell(s: MetricsSummary, key: IndicatorKey): HTMLTableCellElement {
  const v = s.indicators[key];
  return h('td', { class: `num ${verdictOf(v)}`, 'data-key': key }, formatRate(v?.rate));
}

export function renderLeague(rows: readonly LeagueRow[], onPick: (unitCode: string) => void): void {
  const ranked = rankRows(rows);
  const body = ranked.map((r, i) => {
    const pick = h('button', { type: 'button', class: 'link', title: 'Xem riêng đơn vị này' }, r.unit.name);
    pick.addEventListener('click', () => onPick(r.unit.code));
    const name = h('td', { 'data-unit': r.unit.code }, pick);
    if (r.summary instanceof Error)
      return [
        h('td', { class: 'num' }, String(i + 1)),
        name,
        h('td', { colspan: 3 + LEAGUE_KEYS.length, class: 'problem' }, r.summary.message),
      ];
    const s = r.summary;
    return [
      h('td', { class: 'num' }, String(i + 1)),
      name,
      h('td', { class: 'num', 'data-key': 'received' }, formatCount(s.counts.received)),
      h('td', { class: 'num', 'data-key': 'resolved' }, formatCount(s.counts.resolved)),
      h('td', { class: 'num', 'data-key': 'pendingOverdue' }, formatCount(s.counts.pendingOverdue)),
      ...LEAGUE_KEYS.map((k) => rateCell(s, k)),
    ];
  });
  const headers = [
    'Hạng',
    'Đơn vị',
    'Tiếp nhận',
    'Đã giải quyết',
    'Đang quá hạn',
    ...LEAGUE_KEYS.map((k) => SHORT_LABELS[k] ?? k),
  ];
  replace(
    byId('league-body'),
    rows.length === 0
      ? h('p', {}, 'Không có đơn vị nào để so sánh.')
      : table(headers, body, { id: 'league-table' }),
  );
}
