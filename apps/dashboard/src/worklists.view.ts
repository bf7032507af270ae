// The worklists (overdue, apology due, missing apology, due soon, late reception): one tab loaded at a time, a
// page of 50 at a time (the API's cursor), each dossier a button that opens its panel.
import type { DossierListItem, DossierPage, Worklist } from '@motcua/contracts';
import type { Api } from './api';
import { byId, h, replace, table } from './dom';
import { formatInstant } from './format';
import { CHANNEL_LABELS, SLA_STATE_LABELS, STATUS_LABELS, WORKLIST_TABS } from './labels';

export const WORKLIST_PAGE = 50;

export interface WorklistContext {
  api: Api;
  unit: string | null;
  procedureName: (code: string | null) => string;
  unitName: (code: string | null) => string;
  open: (code: string) => void;
}

export class Worklists {
  private active: Worklist = WORKLIST_TABS[0][0];
  private items: DossierListItem[] = [];
  private cursor: string | null = null;
  /** Bumped by every (re)load: an answer for an older tab or unit is dropped. */
  private generation = 0;
  private ctx: WorklistContext | null = null;

  constructor() {
    const tabs = byId('worklist-tabs');
    replace(
      tabs,
      ...WORKLIST_TABS.map(([key, label]) => {
        const tab = h(
          'button',
          {
            type: 'button',
            role: 'tab',
            id: `tab-${key}`,
            'data-worklist': key,
            'aria-controls': 'worklist-body',
          },
          label,
        );
        tab.addEventListener('click', () => void this.show(key));
        return tab;
      }),
    );
  }

  /** A new unit filter (or a fresh login): back to the first page of the current tab. */
  async reload(ctx: WorklistContext): Promise<void> {
    this.ctx = ctx;
    await this.show(this.active);
  }

  async show(key: Worklist): Promise<void> {
    this.active = key;
    for (const tab of byId('worklist-tabs').querySelectorAll<HTMLElement>('[role=tab]'))
      tab.setAttribute('aria-selected', String(tab.dataset.worklist === key));
    this.items = [];
    this.cursor = null;
    replace(byId('worklist-body'), h('p', { class: 'loading' }, 'Đang tải…'));
    await this.more(++this.generation);
  }

  private async more(generation: number): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    try {
      const page = await ctx.api.json<DossierPage>('api/v1/dossiers', {
        sla: this.active,
        unit: ctx.unit,
        limit: WORKLIST_PAGE,
        cursor: this.cursor,
      });
      if (generation !== this.generation) return;
      this.items.push(...page.items);
      this.cursor = page.nextCursor;
      this.render(ctx, generation);
    } catch (err) {
      if (generation !== this.generation) return;
      replace(
        byId('worklist-body'),
        h('p', { class: 'problem' }, `Không tải được danh sách: ${(err as Error).message}`),
      );
    }
  }

  private render(ctx: WorklistContext, generation: number): void {
    const body = byId('worklist-body');
    if (this.items.length === 0) {
      replace(body, h('p', { class: 'empty' }, 'Không có hồ sơ nào trong danh sách này.'));
      return;
    }
    const rows = this.items.map((d) => {
      const open = h('button', { type: 'button', class: 'link code', 'data-code': d.code }, d.code);
      open.addEventListener('click', () => ctx.open(d.code));
      return [
        open,
        ctx.procedureName(d.procedureCode),
        ctx.unitName(d.holderUnit ?? d.unitCode),
        d.channel ? CHANNEL_LABELS[d.channel] : '—',
        STATUS_LABELS[d.status],
        formatInstant(d.receivedAt),
        formatInstant(d.dueAt),
        h('span', { class: `sla ${d.sla.state}` }, SLA_STATE_LABELS[d.sla.state]),
      ];
    });
    const more = h('button', { type: 'button', class: 'more' }, `Tải thêm ${WORKLIST_PAGE} hồ sơ`);
    more.addEventListener('click', () => {
      more.disabled = true;
      void this.more(generation);
    });
    replace(
      body,
      table(
        [
          'Mã hồ sơ',
          'Thủ tục',
          'Đơn vị đang xử lý',
          'Kênh',
          'Trạng thái',
          'Tiếp nhận',
          'Hạn giải quyết',
          'Thời hạn',
        ],
        rows,
        {
          class: 'worklist',
          'data-worklist': this.active,
        },
      ),
      h(
        'p',
        { class: 'list-foot' },
        `Đang hiển thị ${this.items.length} hồ sơ`,
        this.cursor ? ' — ' : '',
        this.cursor ? more : null,
      ),
    );
  }
}
