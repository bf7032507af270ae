import { INDICATOR_KEYS, WORKLISTS } from '@motcua/contracts';
import { INDICATOR_LABELS, INDICATOR_ORDER, SHORT_LABELS, WORKLIST_TABS } from './labels';
import { LEAGUE_KEYS } from './league.view';

describe('the dashboard’s words', () => {
  it('name every indicator of the summary, in the contract’s order, each differently', () => {
    expect(INDICATOR_ORDER).toEqual([...INDICATOR_KEYS]);
    expect(new Set(Object.values(INDICATOR_LABELS)).size).toBe(INDICATOR_KEYS.length);
    for (const label of Object.values(INDICATOR_LABELS)) expect(label).toMatch(/^Tỷ lệ /);
  });

  it('have a short name for every rate of the league table', () => {
    for (const key of LEAGUE_KEYS) expect(SHORT_LABELS[key]).toBeTruthy();
  });

  it('offer the five worklists managers review (domain.md §2), each one the API knows', () => {
    expect(WORKLIST_TABS.map(([k]) => k)).toEqual([
      'overdue',
      'apology_due',
      'missing_apology',
      'due_soon',
      'late_reception',
    ]);
    for (const [key] of WORKLIST_TABS) expect(WORKLISTS).toContain(key);
  });
});
