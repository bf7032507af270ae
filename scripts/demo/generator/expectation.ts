// What the engine should say about a dossier given only the events sent (up to the cut-off): a mini-fold.
import { finalDue } from './deadline.rules';
import type {
  DossierStatus,
  Expectation,
  GeneratorContext,
  Pause,
  PlannedEvent,
  Procedure,
} from './generator.types';

const OPEN_STATUSES: readonly DossierStatus[] = [
  'RECEIVED',
  'IN_PROCESS',
  'SUPPLEMENT_REQUESTED',
  'WAITING_FINANCIAL_OBLIGATION',
];

export function expectationOf(
  ctx: GeneratorContext,
  p: Procedure,
  events: readonly PlannedEvent[],
  cutoff: number,
): Expectation {
  const { dl } = ctx;
  const first = events[0];
  if (first.type === 'refused_at_reception') return { status: 'REFUSED_AT_RECEPTION', tags: ['refused'] };
  const s = dl.effectiveStart(first.t);
  const pauses: Pause[] = [];
  let open: Omit<Pause, 'to'> | null = null;
  let status: DossierStatus = 'RECEIVED';
  let finishedAt: number | null = null;
  let apology: number | null = null;
  for (const e of events) {
    switch (e.type) {
      case 'forwarded':
        status = 'IN_PROCESS';
        break;
      case 'supplement_requested':
        open = { kind: 'supplement', from: e.t };
        status = 'SUPPLEMENT_REQUESTED';
        break;
      case 'obligation_requested':
        open = { kind: 'obligation', from: e.t };
        status = 'WAITING_FINANCIAL_OBLIGATION';
        break;
      case 'supplement_received':
      case 'obligation_fulfilled':
        if (open) pauses.push({ ...open, to: e.t });
        open = null;
        status = 'IN_PROCESS';
        break;
      case 'apology_issued':
        apology = e.t;
        break;
      case 'result_ready':
        status = 'RESULT_READY';
        finishedAt = e.t;
        break;
      case 'returned':
        status = 'RETURNED';
        break;
      case 'withdrawn':
        status = 'WITHDRAWN';
        finishedAt = e.t;
        break;
      case 'stopped':
        status = 'STOPPED';
        finishedAt = e.t;
        break;
      case 'refused_at_reception':
      case 'received':
      case 'paid':
      case 'digitized':
      case 'rated':
        break;
    }
  }
  const dueAt = finalDue(dl, p, s, pauses);
  const outcome =
    finishedAt !== null && (status === 'RESULT_READY' || status === 'RETURNED')
      ? dueAt === null
        ? 'on_time'
        : dl.classify(finishedAt, dueAt)
      : null;
  const tags: string[] = [];
  const isOpen = OPEN_STATUSES.includes(status);
  if (status === 'RETURNED' && outcome === 'early') tags.push('returned_early');
  if (outcome === 'late' && dueAt !== null)
    tags.push(
      apology !== null && apology <= dl.apologyDeadline(dueAt)
        ? 'late_apology'
        : apology !== null
          ? 'late_apology_late'
          : 'late_missing',
    );
  if (status === 'SUPPLEMENT_REQUESTED') tags.push('awaiting_supplement');
  if (
    isOpen &&
    status !== 'SUPPLEMENT_REQUESTED' &&
    status !== 'WAITING_FINANCIAL_OBLIGATION' &&
    dueAt !== null &&
    dueAt <= cutoff
  )
    tags.push('overdue_open');
  if (status === 'WITHDRAWN') tags.push('withdrawn');
  if (status === 'STOPPED') tags.push('stopped');
  return { status, dueAt, finishedAt, outcome, apologyAt: apology, tags, open: isOpen };
}
