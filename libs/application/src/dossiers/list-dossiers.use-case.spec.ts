import type { Principal } from '@motcua/contracts';
import type { WorklistFilter, WorklistRepository, WorklistRow } from '@motcua/database';
import { AppError } from '../app-error';
import { FixedClock, MC } from '../testing/in-memory.fakes';
import { ListDossiers } from './list-dossiers.use-case';

const NOW = Date.parse('2025-03-14T09:00:00+07:00');
const h = (iso: string) => Date.parse(iso);

function row(code: string, facts: Partial<WorklistRow['facts']>): WorklistRow {
  return {
    code,
    procedureCode: 'P.1',
    unitCode: MC,
    holderUnit: MC,
    channel: 'direct',
    status: 'IN_PROCESS',
    nationalStatus: 4,
    receivedAt: h('2025-03-10T08:00:00+07:00'),
    dueAt: facts.dueAt ?? null,
    finishedAt: null,
    outcome: null,
    nextDeadlineAt: null,
    supplementDueAt: null,
    facts: {
      open: true,
      paused: false,
      dueAt: null,
      warningAt: null,
      apologyDeadline: null,
      apologyIssued: false,
      ...facts,
    },
    dueKey: `${code}-key`,
  };
}

class FakeWorklists {
  filters: WorklistFilter[] = [];
  constructor(private readonly rows: WorklistRow[]) {}
  async list(f: WorklistFilter): Promise<WorklistRow[]> {
    this.filters.push(f);
    return this.rows.slice(0, f.limit);
  }
}

const desk: Principal = { username: 'desk', roles: ['officer'], units: [MC] };

function setup(rows: WorklistRow[]) {
  const repo = new FakeWorklists(rows);
  return { repo, sut: new ListDossiers(repo as unknown as WorklistRepository, new FixedClock(NOW)) };
}

describe('ListDossiers', () => {
  it('states each item with the one SLA rule at the clock’s instant', async () => {
    const { sut } = setup([
      row('late', { dueAt: h('2025-03-13T08:00:00+07:00') }),
      row('apology', {
        dueAt: h('2025-03-17T10:00:00+07:00'),
        apologyDeadline: h('2025-03-14T17:00:00+07:00'),
      }),
      row('soon', { dueAt: h('2025-03-19T10:00:00+07:00'), warningAt: h('2025-03-14T08:00:00+07:00') }),
      row('paused', { paused: true, dueAt: h('2025-03-01T08:00:00+07:00') }),
      row('closed', { open: false }),
    ]);
    const page = await sut.list({}, desk);
    expect(page.items.map((i) => [i.code, i.sla.state])).toEqual([
      ['late', 'overdue'],
      ['apology', 'apology_due'],
      ['soon', 'due_soon'],
      ['paused', 'paused'],
      ['closed', 'closed'],
    ]);
    expect(page.items[0].dueAt).toBe('2025-03-13T08:00:00+07:00');
  });

  it('sla=late_reception asks the projection for late receptions, not for an SLA state', async () => {
    const { repo, sut } = setup([row('a', {})]);
    await sut.list({ sla: 'late_reception' }, desk);
    expect(repo.filters[0]).toMatchObject({ receivedLate: true });
    expect(repo.filters[0].sla).toBeUndefined();
  });

  it('sla=missing_apology and sla=supplement_expired are worklists of their own; holder= filters by step holder', async () => {
    const { repo, sut } = setup([row('a', {})]);
    await sut.list({ sla: 'missing_apology', holder: 'LDTBXH.VLATLD' }, desk);
    await sut.list({ sla: 'supplement_expired', unit: MC }, desk);
    expect(repo.filters[0]).toMatchObject({ missingApology: true, holder: 'LDTBXH.VLATLD' });
    expect(repo.filters[1]).toMatchObject({ supplementExpired: true, unit: MC });
    expect(repo.filters.map((f) => f.sla)).toEqual([undefined, undefined]);
    const page = await sut.list({}, desk);
    expect(page.items[0]).toMatchObject({ holderUnit: MC, nextDeadlineAt: null, supplementDueAt: null });
  });

  it('passes the scope and filters on, and pages with a cursor it can read back', async () => {
    const { repo, sut } = setup([row('a', {}), row('b', {}), row('c', {})]);
    const first = await sut.list({ limit: '2', sla: 'overdue', status: '4', unit: MC }, desk);
    expect(repo.filters[0]).toMatchObject({
      scope: [MC],
      sla: 'overdue',
      status: { national: 4 },
      unit: MC,
      limit: 3,
      now: NOW,
    });
    expect(first.items.map((i) => i.code)).toEqual(['a', 'b']);
    expect(first.nextCursor).not.toBeNull();
    await sut.list({ cursor: first.nextCursor! }, desk);
    expect(repo.filters[1].after).toEqual({ dueKey: 'b-key', code: 'b' });
  });

  it('refuses bad parameters with their fields and queries nothing', async () => {
    const { repo, sut } = setup([]);
    const err = await sut
      .list({ sla: 'late', status: 'DONE', limit: '5000', cursor: 'garbage', dueBefore: 'tomorrow' }, desk)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details.map((d) => d.field).sort()).toEqual([
      'cursor',
      'dueBefore',
      'limit',
      'sla',
      'status',
    ]);
    expect(repo.filters).toEqual([]);
  });
});
