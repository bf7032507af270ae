import type { ProjectionRepository } from '@motcua/database';
import type { RulesProvider } from '../rules/rules.provider';
import {
  fixedRulesProvider,
  FixedClock,
  inMemoryArming,
  INDICATORS_CONFIG,
  InMemoryProjections,
  InMemoryTimers,
  MC,
  stored,
  VLATLD,
} from '../testing/in-memory.fakes';
import { ApplyLatencyFeed } from '../operations/apply-latency.feed';
import { ApplyEvents } from './apply-events.use-case';

const NOW = Date.parse('2025-03-04T09:00:00+07:00');

function setup(events: ReturnType<typeof stored>[]) {
  const projections = new InMemoryProjections(events);
  const clock = new FixedClock(NOW);
  const timers = new InMemoryTimers();
  const latencies = new ApplyLatencyFeed();
  const sut = new ApplyEvents(
    projections as unknown as ProjectionRepository,
    fixedRulesProvider() as unknown as RulesProvider,
    clock,
    inMemoryArming(clock, timers),
    INDICATORS_CONFIG,
    latencies,
  );
  return { projections, sut, timers, latencies };
}

const reception = (code: string) =>
  stored(code, 'received', '2025-03-03T08:30:00+07:00', {
    procedureCode: 'P.1',
    channel: 'direct',
    applicant: { name: 'Trần Thị Bình' },
  });

describe('ApplyEvents', () => {
  it('re-folds each dossier of a batch once, under its lock, and writes the SLA facts as columns', async () => {
    const a = reception('A');
    const a2 = stored('A', 'forwarded', '2025-03-03T10:00:00+07:00', {
      fromUnit: MC,
      toUnit: VLATLD,
      method: 'paper',
    });
    const b = reception('B');
    const { projections, sut } = setup([a, a2, b]);
    const results = await sut.apply([
      { eventId: a.id, dossierCode: 'A' },
      { eventId: b.id, dossierCode: 'B' },
      { eventId: a2.id, dossierCode: 'A' },
    ]);
    expect(results.map((r) => r.kind)).toEqual(['applied', 'applied', 'applied']);
    expect(projections.locked).toEqual([['A', 'B']]);
    const row = projections.written.get('A')!;
    expect(row).toMatchObject({
      status: 'IN_PROCESS',
      unitCode: VLATLD,
      units: [MC, VLATLD],
      isOpen: true,
      isPaused: false,
      apologyIssued: false,
      procedureVersion: 1,
      appliedSeq: a2.seq,
      // Due Thu 06/03 08:30; the warning (Wed 05/03 08:30) is the next instant to act on after Tue 09:00.
      dueAt: Date.parse('2025-03-06T08:30:00+07:00'),
      nextDeadlineAt: Date.parse('2025-03-05T08:30:00+07:00'),
    });
    expect([...projections.applied].sort()).toEqual([a.id, a2.id, b.id].sort());
  });

  it('leaves already applied events alone and does not re-fold for them', async () => {
    const a = reception('A');
    const { projections, sut } = setup([a]);
    projections.applied.add(a.id);
    expect(await sut.apply([{ eventId: a.id, dossierCode: 'A' }])).toEqual([{ kind: 'already_applied' }]);
    expect(projections.written.size).toBe(0);
  });

  it('reports a job for an unknown event or another dossier as one that can never succeed', async () => {
    const a = reception('A');
    const { sut } = setup([a]);
    const [missing, wrong] = await sut.apply([
      { eventId: '00000000-0000-4000-8000-999999999999', dossierCode: 'A' },
      { eventId: a.id, dossierCode: 'B' },
    ]);
    expect(missing).toEqual({ kind: 'unrecoverable', reason: expect.stringContaining('not in the log') });
    expect(wrong).toEqual({ kind: 'unrecoverable', reason: expect.stringContaining('another dossier') });
  });

  it('retries a failing batch one by one, so one poison dossier does not hold back the others', async () => {
    const a = reception('A');
    const b = reception('B');
    const { projections, sut } = setup([a, b]);
    projections.failOn.add('A');
    const [ra, rb] = await sut.apply([
      { eventId: a.id, dossierCode: 'A' },
      { eventId: b.id, dossierCode: 'B' },
    ]);
    expect(ra.kind).toBe('failed');
    expect(rb).toEqual({ kind: 'applied' });
    expect(projections.written.has('B')).toBe(true);
  });

  it('tells the latency feed how long each event it applied waited, once committed and only once', async () => {
    const a = reception('A');
    const b = reception('B');
    const { projections, sut, latencies } = setup([a, b]);
    projections.applyLatencySeconds = 0.25;
    const heard: number[][] = [];
    const stop = latencies.listen((seconds) => heard.push([...seconds]));
    projections.failOn.add('B');
    await sut.apply([
      { eventId: a.id, dossierCode: 'A' },
      { eventId: b.id, dossierCode: 'B' },
    ]);
    await sut.apply([{ eventId: a.id, dossierCode: 'A' }]);
    stop();
    // The batch failed on B and was retried one by one: A applied once, B never, a replay of A adds nothing.
    expect(heard).toEqual([[0.25]]);
  });

  it('a closed dossier has no next deadline and is not open', async () => {
    const a = reception('A');
    const done = stored('A', 'withdrawn', '2025-03-03T11:00:00+07:00', { reason: 'Công dân rút hồ sơ' });
    const { projections, sut } = setup([a, done]);
    await sut.apply([{ eventId: done.id, dossierCode: 'A' }]);
    expect(projections.written.get('A')).toMatchObject({
      status: 'WITHDRAWN',
      isOpen: false,
      nextDeadlineAt: null,
    });
  });
});
