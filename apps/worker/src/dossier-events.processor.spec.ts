import { UnrecoverableError, type Job } from 'bullmq';
import type { ApplyEvents, ApplyRequest, ApplyResult } from '@motcua/application';
import type { AppConfig } from '@motcua/config';
import type { DossierEventJob } from '@motcua/queue';
import { DossierEventsProcessor, eventsOf } from './dossier-events.processor';

/** Answers each event as the test says; records the micro-batches it was given. */
class ScriptedApply {
  readonly batches: string[][] = [];
  readonly answers = new Map<string, ApplyResult>();
  async apply(reqs: ApplyRequest[]): Promise<ApplyResult[]> {
    this.batches.push(reqs.map((r) => r.eventId));
    return reqs.map((r) => this.answers.get(r.eventId) ?? { kind: 'applied' });
  }
}

const config = { worker: { concurrency: 100 } } as AppConfig;
const jobOf = (data: DossierEventJob) => ({ id: 'evt-a', data }) as Job<DossierEventJob>;
const many = (...ids: string[]): DossierEventJob => ({
  events: ids.map((eventId) => ({ eventId, dossierCode: `D-${eventId}` })),
  v: 2,
});

function setup() {
  const apply = new ScriptedApply();
  return { apply, sut: new DossierEventsProcessor(apply as unknown as ApplyEvents, config) };
}

describe('DossierEventsProcessor', () => {
  it('applies every event a job carries, together, and says how many it applied', async () => {
    const { apply, sut } = setup();
    apply.answers.set('b', { kind: 'already_applied' });
    await expect(sut.process(jobOf(many('a', 'b', 'c')))).resolves.toEqual({ applied: 2 });
    expect(apply.batches).toEqual([['a', 'b', 'c']]);
  });

  it('still takes a job of one event in the first payload version', async () => {
    const { apply, sut } = setup();
    await expect(sut.process(jobOf({ eventId: 'x', dossierCode: 'D-x', v: 1 }))).resolves.toEqual({
      applied: 1,
    });
    expect(apply.batches).toEqual([['x']]);
  });

  it('throws the failure of one event so that the job is retried (the applied ones are left alone then)', async () => {
    const { apply, sut } = setup();
    const error = new Error('connection terminated');
    apply.answers.set('b', { kind: 'failed', error });
    apply.answers.set('c', { kind: 'unrecoverable', reason: 'no such event' });
    await expect(sut.process(jobOf(many('a', 'b', 'c')))).rejects.toBe(error);
  });

  it('fails the job for good when an event can never be applied and nothing is left to retry', async () => {
    const { apply, sut } = setup();
    apply.answers.set('c', { kind: 'unrecoverable', reason: 'no such event' });
    const err = await sut.process(jobOf(many('a', 'c'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toBe('no such event');
  });

  it('refuses a payload version it does not know, for good', () => {
    expect(() => eventsOf({ v: 3 } as unknown as DossierEventJob)).toThrow(UnrecoverableError);
    expect(() => eventsOf({ v: 2 } as unknown as DossierEventJob)).toThrow(/unknown job payload version 2/);
  });
});
