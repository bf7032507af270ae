// Every rate of the period against its target: a card each, green when met, red when missed, grey without one.
import type { IndicatorKey, IndicatorValue, MetricsSummary } from '@motcua/contracts';
import { byId, h, replace } from './dom';
import { formatCount, formatHours, formatRate } from './format';
import { BASIS_LABELS, INDICATOR_LABELS, INDICATOR_ORDER } from './labels';

/** met, missed, or neither (no target, or no rate to judge). */
export type Verdict = 'met' | 'missed' | 'none';

export function verdictOf(v: Pick<IndicatorValue, 'target'> | undefined): Verdict {
  if (!v?.target || v.target.met === null) return 'none';
  return v.target.met ? 'met' : 'missed';
}

const VERDICT_WORDS: Record<Verdict, string> = { met: 'Đạt', missed: 'Chưa đạt', none: '' };

function targetLine(v: IndicatorValue): HTMLElement {
  if (!v.target) return h('p', { class: 'target' }, 'Không giao chỉ tiêu');
  const verdict = verdictOf(v);
  return h(
    'p',
    { class: 'target', title: v.target.source ?? undefined },
    `Chỉ tiêu ${formatRate(v.target.value)}`,
    verdict === 'none' ? ' — chưa đánh giá' : ' — ',
    verdict === 'none' ? null : h('strong', { class: 'verdict' }, VERDICT_WORDS[verdict]),
  );
}

export function indicatorCard(key: IndicatorKey, v: IndicatorValue | undefined): HTMLElement {
  const label = INDICATOR_LABELS[key];
  if (!v)
    return h(
      'article',
      { class: 'card none', 'data-indicator': key },
      h('h3', {}, label),
      h('p', { class: 'rate' }, '—'),
    );
  const verdict = verdictOf(v);
  return h(
    'article',
    { class: `card ${verdict}`, 'data-indicator': key, 'aria-label': `${label}: ${formatRate(v.rate)}` },
    h('h3', {}, label),
    h(
      'p',
      { class: 'rate' },
      formatRate(v.rate),
      v.rate === null ? ' ' : null,
      v.rate === null
        ? h('abbr', { class: 'na', title: 'Không có hồ sơ để tính (mẫu số bằng 0)' }, 'N/A')
        : null,
    ),
    h(
      'p',
      { class: 'ratio' },
      h('span', { class: 'numerator' }, formatCount(v.numerator)),
      ' / ',
      h('span', { class: 'denominator' }, formatCount(v.denominator)),
      h('span', { class: 'basis' }, ` ${BASIS_LABELS[v.basis]}`),
    ),
    targetLine(v),
  );
}

/** The counts line above the cards: the period's volume at a glance. */
function countsLine(s: MetricsSummary): HTMLElement[] {
  const item = (label: string, value: string, key: string) =>
    h('li', { 'data-count': key }, h('span', {}, label), h('strong', {}, value));
  return [
    item('Tiếp nhận', formatCount(s.counts.received), 'received'),
    item('Đã giải quyết', formatCount(s.counts.resolved), 'resolved'),
    item('Đang giải quyết trong hạn', formatCount(s.counts.pendingWithinDue), 'pendingWithinDue'),
    item('Đang giải quyết quá hạn', formatCount(s.counts.pendingOverdue), 'pendingOverdue'),
    item(
      'Thời gian giải quyết trung bình',
      formatHours(s.avgProcessingWorkingHours),
      'avgProcessingWorkingHours',
    ),
  ];
}

export function renderIndicators(s: MetricsSummary): void {
  replace(byId('counts'), ...countsLine(s));
  replace(byId('indicator-grid'), ...INDICATOR_ORDER.map((key) => indicatorCard(key, s.indicators[key])));
  const met = INDICATOR_ORDER.filter((k) => verdictOf(s.indicators[k]) === 'met').length;
  const missed = INDICATOR_ORDER.filter((k) => verdictOf(s.indicators[k]) === 'missed').length;
  replace(
    byId('indicator-summary'),
    h('span', { class: 'met' }, `${met} chỉ tiêu đạt`),
    ' · ',
    h('span', { class: 'missed' }, `${missed} chỉ tiêu chưa đạt`),
    ` · năm chỉ tiêu ${s.targetYear}`,
  );
}
