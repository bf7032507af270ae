import fc from 'fast-check';
import { foldDossier, slaFactsOf } from './dossier.fold';
import { slaStateOf } from './sla-state';
import { FIVE_DAY_PROCEDURE, apology, at, context, ev, fmt, received } from './testing/sla-fixtures';
import type { DossierEvent } from './sla.types';

const closedFacts = {
  open: false,
  paused: false,
  dueAt: null,
  warningAt: null,
  apologyDeadline: null,
  apologyIssued: false,
};

const readable = (events: DossierEvent[], now: string, procedure = FIVE_DAY_PROCEDURE) => {
  const f = slaFactsOf(foldDossier(events, context(at(now), procedure)));
  return {
    ...f,
    dueAt: fmt(f.dueAt),
    warningAt: fmt(f.warningAt),
    apologyDeadline: fmt(f.apologyDeadline),
  };
};

describe('the SLA facts the fold stores for the worklist', () => {
  it('a dossier never received, or refused at reception, is closed with no clock', () => {
    expect(slaFactsOf(foldDossier([], context(at('2025-01-09 10:00'))))).toEqual(closedFacts);
    const unknown = foldDossier([received('2025-01-06 08:00', '9.999999')], context(at('2025-01-09 10:00')));
    expect(slaFactsOf(unknown)).toEqual(closedFacts);
    const refused = foldDossier(
      [
        ev('refused_at_reception', '2025-01-06 08:00', {
          procedureCode: '1.000001',
          channel: 'direct',
          applicant: { name: 'X' },
          reason: 'Không thuộc thẩm quyền',
        }),
      ],
      context(at('2025-01-09 10:00')),
    );
    expect(slaFactsOf(refused)).toEqual(closedFacts);
  });

  it('an open dossier carries its due, warning and apology deadline', () => {
    expect(readable([received('2025-01-06 08:00')], '2025-01-07 08:00')).toEqual({
      open: true,
      paused: false,
      dueAt: '2025-01-13T08:00:00+07:00',
      warningAt: '2025-01-10T08:00:00+07:00',
      apologyDeadline: '2025-01-10T17:00:00+07:00',
      apologyIssued: false,
    });
  });

  it('a supplement pauses; a financial obligation pauses only where the procedure says so', () => {
    const supplement = [
      received('2025-01-06 08:00'),
      ev('supplement_requested', '2025-01-07 08:00', { reason: 'x' }),
    ];
    expect(readable(supplement, '2025-01-08 08:00')).toMatchObject({ open: true, paused: true });
    const obligation = [
      received('2025-01-06 08:00'),
      ev('obligation_requested', '2025-01-07 08:00', { amountVnd: 100000 }),
    ];
    expect(readable(obligation, '2025-01-08 08:00')).toMatchObject({ open: true, paused: false });
    const pausing = { ...FIVE_DAY_PROCEDURE, pauseOnFinancialObligation: true };
    expect(readable(obligation, '2025-01-08 08:00', pausing)).toMatchObject({ open: true, paused: true });
  });

  it('records an issued apology, and a finished dossier is no longer open', () => {
    const apologised = [received('2025-01-06 08:00'), apology('2025-01-09 08:00', '2025-01-15 10:00')];
    expect(readable(apologised, '2025-01-10 08:00')).toMatchObject({ open: true, apologyIssued: true });
    const finished = [...apologised, ev('result_ready', '2025-01-14 09:00', { outcome: 'approved' })];
    expect(readable(finished, '2025-01-15 08:00')).toMatchObject({
      open: false,
      apologyIssued: true,
      dueAt: '2025-01-13T08:00:00+07:00',
    });
  });
});

describe('property: facts stored once give the fold’s state at any later instant', () => {
  const types = [
    'forwarded',
    'supplement_requested',
    'supplement_received',
    'obligation_requested',
    'obligation_fulfilled',
    'apology_issued',
    'result_ready',
    'withdrawn',
  ] as const;
  const dataFor = (type: (typeof types)[number], minutes: number): DossierEvent['data'] => {
    switch (type) {
      case 'forwarded':
        return { fromUnit: 'LDTBXH.MC', toUnit: 'LDTBXH.VLATLD', method: 'electronic' };
      case 'supplement_requested':
      case 'withdrawn':
        return { reason: 'x' };
      case 'apology_issued':
        return {
          reason: 'x',
          newDueAt: at('2025-03-03 08:00') + (minutes + 14 * 24 * 60) * 60_000,
          signer: { name: 'A', title: 'Giám đốc' },
          responsibleUnit: 'LDTBXH.VLATLD',
        };
      case 'result_ready':
        return { outcome: 'approved' };
      case 'supplement_received':
      case 'obligation_requested':
      case 'obligation_fulfilled':
        return {};
    }
  };
  const minutes = fc.integer({ min: 0, max: 14 * 24 * 60 });
  const stream = fc.array(fc.tuple(fc.constantFrom(...types), minutes), { maxLength: 8 }).map((items) => [
    received('2025-03-03 08:00'),
    ...items.map(
      ([type, m], i) =>
        ({
          id: `p${i}`,
          type,
          occurredAt: at('2025-03-03 08:00') + m * 60_000,
          data: dataFor(type, m),
        }) as DossierEvent,
    ),
  ]);
  const procedure = fc.constantFrom(FIVE_DAY_PROCEDURE, {
    ...FIVE_DAY_PROCEDURE,
    pauseOnFinancialObligation: true,
  });

  it('the facts do not depend on now, and slaStateOf(facts, t) is the state folded at t', () => {
    fc.assert(
      fc.property(stream, procedure, minutes, minutes, (events, rules, a, b) => {
        const atA = foldDossier(events, context(at('2025-03-03 08:00') + a * 60_000, rules));
        const atB = foldDossier(events, context(at('2025-03-03 08:00') + b * 60_000, rules));
        expect(slaFactsOf(atA)).toEqual(slaFactsOf(atB));
        expect(slaStateOf(slaFactsOf(atA), at('2025-03-03 08:00') + b * 60_000)).toBe(atB.sla.state);
      }),
      { numRuns: 300 },
    );
  });
});
