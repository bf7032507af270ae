'use strict';
// Pure generator: (seed, month, catalogue, calendar, now) → the time-ordered events of a synthetic month at the
// one-stop desk, plus what the demo expects the engine to conclude for each dossier. No I/O, no clock reads.

const { rng, uuidFrom } = require('./prng');
const { dayOf, dateOfDay, dayOfDate, msOfDay, at, clock, formatLocal, MIN_MS } = require('./calendar');
const people = require('./people');

const DEFAULT_SLA = {
  workingDayModel: 'hour_based',
  hoursPerWorkingDay: 8,
  sameDayCutoff: '15:00',
  afterHoursPolicy: 'next_opening',
  calendarDaysRollToWorkingDay: true,
  apologyLeadDays: 1,
  apologyLeadUnit: 'working_day',
  outcomeGranularity: 'date',
  paperForwardCutoff: '15:00',
};

/** Relative popularity at a provincial DOLISA desk (invented; unemployment benefit and work permits dominate). */
const POPULARITY = {
  1.014748: 30,
  1.014199: 15,
  1.014201: 8,
  '1.014200': 4,
  1.014196: 6,
  1.014197: 1,
  1.014198: 2,
  2.002307: 8,
  1.014359: 5,
  'EX.001': 4,
  'EX.002': 3,
  'EX.003': 3,
  'EX.004': 1,
  'EX.005': 0.5,
  'EX.014': 2,
  'EX.015': 3,
  'EX.018': 6,
  'EX.020': 6,
  1.014749: 4,
  2.000286: 2,
  2.000282: 1,
  '1.014750': 1,
  'EX.019': 1,
  'EX.006': 1,
};
const RARE = 0.4;

/** Weekday weights of the desk's traffic (Monday peak); non-working days only see online self-service receipts. */
const WEEKDAY_WEIGHT = [0, 1.25, 1.05, 1, 1, 0.9, 0];
const OFF_DAY_WEIGHT = 0.05;

// ---------------------------------------------------------------- deadlines (the engine's rules, re-implemented)

function deadlines(cal, sla) {
  const cutoff = clock(sla.sameDayCutoff);
  const dayGranular = (d) =>
    d.unit === 'same_day' ||
    d.unit === 'calendar_days' ||
    (d.unit === 'working_days' && sla.workingDayModel === 'day_based' && Number.isInteger(d.value));
  const effectiveStart = (t) => (sla.afterHoursPolicy === 'next_opening' ? cal.nextOpening(t) : t);
  function baseDue(duration, start) {
    const { value, unit } = duration;
    const d = dayOf(start);
    switch (unit) {
      case 'none':
        return null;
      case 'working_hours':
        return cal.addWorkingMinutes(start, value * 60);
      case 'working_days':
        if (dayGranular(duration)) return cal.closeOf(cal.shiftWorkingDays(d, value));
        return cal.addWorkingMinutes(start, value * sla.hoursPerWorkingDay * 60);
      case 'calendar_days': {
        let day = d + value;
        if (sla.calendarDaysRollToWorkingDay && !cal.isWorkingDay(day)) day = cal.nextWorkingDay(day);
        return cal.closeOf(day);
      }
      case 'same_day': {
        if (!cal.isWorkingDay(d)) return cal.closeOf(cal.nextWorkingDay(d));
        return cal.closeOf(msOfDay(start) >= cutoff ? cal.nextWorkingDay(d) : d);
      }
      default:
        throw new Error(`unknown duration unit ${unit}`);
    }
  }
  function shiftDue(duration, due, paused) {
    if (paused <= 0) return due;
    const shifted = cal.addWorkingMinutes(due, paused);
    return dayGranular(duration) ? cal.closeOf(dayOf(shifted)) : shifted;
  }
  function apologyDeadline(due) {
    let d = dayOf(due);
    if (sla.apologyLeadUnit === 'working_day') {
      for (let i = 0; i < sla.apologyLeadDays; i++) d = cal.previousWorkingDay(d);
    } else {
      d -= sla.apologyLeadDays;
      if (!cal.isWorkingDay(d)) d = cal.previousWorkingDay(d);
    }
    return cal.closeOf(d);
  }
  function classify(finishedAt, dueAt) {
    const f = dayOf(finishedAt);
    const d = dayOf(dueAt);
    if (sla.outcomeGranularity === 'datetime' && finishedAt > dueAt) return 'late';
    if (f < d) return 'early';
    return f === d || sla.outcomeGranularity === 'datetime' ? 'on_time' : 'late';
  }
  return { effectiveStart, baseDue, shiftDue, apologyDeadline, classify };
}

// ---------------------------------------------------------------- actors

/** Who logs a handover out of a step: the desk officer, the division's specialist, or its head after review. */
function forwardActor(step, deskUnit) {
  if (step.unitCode === deskUnit) return 'officer';
  return step.code === 'DY' ? `unit_head:${step.unitCode}` : `specialist:${step.unitCode}`;
}

// ---------------------------------------------------------------- receipts per day

function listDays(fromDate, toDate) {
  const out = [];
  for (let d = dayOfDate(fromDate); d <= dayOfDate(toDate); d++) out.push(d);
  return out;
}

/** Splits `total` over days in proportion to `weights` (largest remainder): the month has exactly N dossiers. */
function apportion(total, weights) {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k][1]]++;
  return counts;
}

/** The receipts of one day (procedure, channel, times), from the day's own random stream. */
function receiptsOfDay(ctx, d, count) {
  const { cal, seed, procedures } = ctx;
  const r = rng(seed, 'day', dateOfDay(d));
  const working = cal.isWorkingDay(d);
  const pool = working ? procedures : procedures.filter((p) => p.onlineLevel !== 'none');
  const weights = pool.map((p) => [p, ctx.popularity.get(p.code)]);
  const out = [];
  for (let i = 0; i < count; i++) {
    const p = r.weighted(weights);
    let channel;
    if (!working) channel = 'online';
    else if (p.onlineLevel === 'full')
      channel = r.weighted([
        ['online', 78],
        ['direct', 17],
        ['postal', 5],
      ]);
    else if (p.onlineLevel === 'partial')
      channel = r.weighted([
        ['online', 55],
        ['direct', 37],
        ['postal', 8],
      ]);
    else
      channel = r.weighted([
        ['direct', 85],
        ['postal', 15],
      ]);
    let t;
    let submittedAt;
    if (channel === 'online' && (!working || r.chance(0.18))) {
      // Self-service portal receipt: any hour, evenings and weekends included; the clock starts at the next opening.
      const hour = r.weighted([
        [6, 1],
        [9, 3],
        [14, 3],
        [19, 4],
        [22, 1],
      ]);
      t = at(d, Math.floor((hour + r.next() * 1.9) * 3600_000));
      submittedAt = t;
    } else if (channel === 'direct' && r.chance(0.015)) {
      // The queue at the counter is served past closing time now and then.
      t = at(d, clock('17:00') + r.int(1, 20) * MIN_MS);
    } else {
      // Mornings are busier at the counter; the officer also works through the portal queue then.
      const morning = r.chance(0.6);
      const minutes = morning ? r.uniform(0, 270) : r.uniform(270, 480);
      t = cal.addWorkingMinutes(cal.openingOf(d), minutes);
      if (channel === 'online') submittedAt = t - Math.round(Math.min(96, r.lognormal(3, 1.1)) * 3600_000);
    }
    out.push({ procedure: p, channel, t: Math.floor(t / MIN_MS) * MIN_MS, submittedAt, k: i });
  }
  out.sort((a, b) => a.t - b.t || a.k - b.k);
  return out;
}

// ---------------------------------------------------------------- one dossier's life

/**
 * Plans a dossier from receipt to return. Returns its full event list (nothing truncated yet) and the plan flags.
 * Times are epoch ms; all arithmetic on working time uses the calendar.
 */
function lifeOf(ctx, receipt, code) {
  const { cal, dl, seed, deskUnit } = ctx;
  const r = rng(seed, 'dossier', code);
  const p = receipt.procedure;
  const steps = p.steps;
  const t0 = receipt.t;
  const events = [];
  const plan = { late: false, stuck: false, apology: false, supplement: false, refused: false };
  // Whole minutes: occurredAt is sent with second precision, and the expectations must use the instant sent.
  const emit = (type, t, data, actor) =>
    events.push({ type, t: Math.floor(t / MIN_MS) * MIN_MS, data, actor });
  const applicant = people.applicantFor(r, p.code, receipt.channel);

  if (r.chance(0.02)) {
    plan.refused = true;
    emit(
      'refused_at_reception',
      t0,
      { procedureCode: p.code, channel: receipt.channel, applicant, reason: r.pick(people.REFUSAL_REASONS) },
      'officer',
    );
    return { events, plan };
  }
  const documents = people.documentsFor(r, p.code, receipt.channel);
  const received = { procedureCode: p.code, channel: receipt.channel, applicant, documents };
  if (receipt.submittedAt !== undefined) received.submittedAt = formatLocal(receipt.submittedAt);
  emit('received', t0, received, 'officer');

  const s = dl.effectiveStart(t0);
  const due0 = dl.baseDue(p.duration, s);
  const budget = due0 === null ? null : cal.workingMinutesBetween(s, due0);

  // ---- flags
  const late = budget !== null && budget > 0 && steps.length >= 3 && r.chance(0.085);
  const stuck = late && r.chance(0.18);
  const withdrawn = !late && r.chance(0.012);
  const stopped = !late && !withdrawn && r.chance(0.003);
  const supplement = r.chance(0.1) && !(late && p.supplementPolicy === 'restart');
  const supplementNever = supplement && r.chance(0.06);
  const obligation = p.pauseOnFinancialObligation === true && p.feeVnd > 0 && r.chance(0.8);
  const apology = late && r.chance(0.6);
  const keepsNewDate = r.chance(0.75);
  const reappointDays = r.int(2, 5);
  Object.assign(plan, { late, stuck, apology, supplement });

  // ---- handover methods and natural step durations (working minutes)
  const methods = steps.slice(1).map(() =>
    receipt.channel === 'online'
      ? r.weighted([
          ['electronic', 95],
          ['paper', 4],
          ['postal', 1],
        ])
      : r.weighted([
          ['electronic', 80],
          ['paper', 17],
          ['postal', 3],
        ]),
  );
  const alloc = steps.map((st) => st.allocatedWorkingHours * 60);
  const w = steps.map((st, i) => {
    if (i === 0) return Math.max(10, alloc[i] * r.uniform(0.03, 0.4));
    if (i === steps.length - 1) return Math.max(5, alloc[i] * r.uniform(0.03, 0.5));
    return Math.max(15, alloc[i] * r.uniform(0.2, 0.95));
  });
  if (methods[0] === 'paper') {
    // A paper dossier leaves the desk the same working day, or the next morning after the 15:00 cut-off.
    const beforeCutoff = cal.isWorkingDay(dayOf(t0)) && msOfDay(t0) < clock(ctx.sla.paperForwardCutoff);
    const target = beforeCutoff
      ? Math.min(cal.closeOf(dayOf(t0)) - 10 * MIN_MS, s + r.uniform(30, 180) * MIN_MS)
      : cal.addWorkingMinutes(
          cal.isWorkingDay(dayOf(t0)) ? cal.openingOf(cal.nextWorkingDay(dayOf(t0))) : s,
          r.uniform(15, 180),
        );
    w[0] = Math.max(10, cal.workingMinutesBetween(s, target));
  }
  const scalable = steps.map((_, i) => i !== 0);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);

  let culprit = null;
  if (late) {
    const pickable = steps
      .map((st, i) => [
        i,
        st.code === 'TD' ? 65 : st.code === 'KY' ? 20 : st.code === 'DY' ? 10 : st.code === 'UB' ? 5 : 0,
      ])
      .filter(([i, wt]) => wt > 0 && i > 0 && i < steps.length - 1);
    culprit =
      pickable.length > 0
        ? r.weighted(stuck ? pickable.map(([i, wt]) => [i, i === 1 ? 80 : wt]) : pickable)
        : 1;
    let overrun;
    if (stuck) overrun = r.uniform(25, 45) * 480;
    else if (apology && keepsNewDate)
      overrun = r.uniform(480 * 1.02, Math.max(480 * 1.05, (reappointDays - 1) * 480));
    else if (apology) overrun = r.uniform((reappointDays + 1) * 480, (reappointDays + 3) * 480);
    else overrun = r.uniform(1.05, 5) * 480;
    const others = sum(w) - w[culprit];
    w[culprit] = Math.max(w[culprit], budget + overrun - others);
  } else if (budget !== null) {
    const natural = sum(w);
    const dueDayMinutes = cal.workingMsBefore(msOfDay(due0)) / MIN_MS;
    let target = natural;
    if (r.chance(0.12) && dueDayMinutes > 30)
      target = budget - r.uniform(1, dueDayMinutes - 1); // finished on the due day
    else if (natural > budget * 0.97) target = budget * r.uniform(0.5, 0.95);
    const fixed = sum(w.filter((_, i) => !scalable[i]));
    const factor = Math.max(0.01, (target - fixed) / (natural - fixed));
    for (let i = 0; i < w.length; i++) if (scalable[i]) w[i] = Math.max(1, w[i] * factor);
  }
  for (let i = 0; i < w.length; i++) w[i] = Math.max(1, Math.round(w[i]));
  if (!late && budget !== null) {
    // Rounding must not turn an on-time plan into a late one.
    while (sum(w) > budget) {
      const i = w.indexOf(Math.max(...w));
      if (w[i] <= 1) break;
      w[i] -= Math.min(w[i] - 1, sum(w) - budget);
    }
  }

  // ---- desk work at reception: payment (unless the fee is an obligation during processing), digitisation
  const tn0 = s;
  const tnEnd = cal.addWorkingMinutes(tn0, w[0]);
  let deskT = t0;
  if (p.feeVnd > 0 && !obligation) {
    deskT += r.int(1, 12) * MIN_MS;
    const online = receipt.channel === 'online' && r.chance(0.67);
    emit('paid', deskT, { amountVnd: p.feeVnd, method: online ? 'online' : 'offline' }, 'officer');
  }
  if (receipt.channel !== 'online' && r.chance(0.9)) {
    deskT = Math.max(deskT, t0) + r.int(2, 20) * MIN_MS;
    emit('digitized', deskT, { components: documents.length }, 'officer');
  }

  // ---- walk the steps
  let t = Math.max(tnEnd, deskT + MIN_MS);
  const stepStart = [tn0];
  const stepEnd = [t];
  const pauses = [];
  for (let i = 1; i < steps.length; i++) {
    emit(
      'forwarded',
      t,
      {
        fromUnit: steps[i - 1].unitCode,
        toUnit: steps[i].unitCode,
        method: methods[i - 1],
        stepCode: steps[i].code,
      },
      forwardActor(steps[i - 1], deskUnit),
    );
    stepStart[i] = t;
    let consumed = 0;
    let cur = t;
    if (i === 1) {
      // Things that happen while the division examines the dossier, at fractions of its working time.
      const inside = [];
      if (supplement) inside.push({ f: r.uniform(0.15, 0.5), kind: 'supplement' });
      if (obligation) inside.push({ f: r.uniform(0.55, 0.85), kind: 'obligation' });
      if (withdrawn) inside.push({ f: r.uniform(0.1, 0.9), kind: 'withdrawn' });
      if (stopped) inside.push({ f: r.uniform(0.3, 0.9), kind: 'stopped' });
      inside.sort((a, b) => a.f - b.f);
      for (const x of inside) {
        const at1 = Math.max(cal.addWorkingMinutes(cur, Math.max(1, x.f * w[i] - consumed)), cur + MIN_MS);
        consumed = Math.max(consumed, x.f * w[i]);
        const unit = steps[i].unitCode;
        if (x.kind === 'withdrawn') {
          emit('withdrawn', at1, { reason: r.pick(people.WITHDRAW_REASONS) }, 'officer');
          return { events, plan };
        }
        if (x.kind === 'stopped') {
          emit('stopped', at1, { reason: r.pick(people.STOP_REASONS) }, `unit_head:${unit}`);
          return { events, plan };
        }
        if (x.kind === 'supplement') {
          const items = [r.pick(people.SUPPLEMENT_REASONS)];
          emit(
            'supplement_requested',
            at1,
            { reason: 'Hồ sơ chưa đầy đủ theo quy định', items },
            `specialist:${unit}`,
          );
          if (supplementNever) return { events, plan };
          const back = officeTimeAfter(cal, r, at1, Math.max(1, Math.round(r.lognormal(4, 0.7))));
          emit('supplement_received', back, {}, 'officer');
          pauses.push({ kind: 'supplement', from: at1, to: back });
          cur = back;
        } else {
          emit('obligation_requested', at1, { amountVnd: p.feeVnd }, `specialist:${unit}`);
          const back = officeTimeAfter(cal, r, at1, r.int(1, 5));
          const online = r.chance(0.5);
          emit('paid', back, { amountVnd: p.feeVnd, method: online ? 'online' : 'offline' }, 'officer');
          emit('obligation_fulfilled', back + MIN_MS, { amountVnd: p.feeVnd }, 'officer');
          pauses.push({ kind: 'obligation', from: at1, to: back + MIN_MS });
          cur = back + MIN_MS;
        }
      }
    }
    t = Math.max(cal.addWorkingMinutes(cur, Math.max(1, w[i] - consumed)), cur + MIN_MS);
    stepEnd[i] = t;
  }

  // ---- the result reaches the desk at the end of the last step (TKQ)
  const finish = t;
  const refusedOnMerits = r.chance(0.04);
  const electronicResult = receipt.channel === 'online' ? r.chance(0.92) : r.chance(0.15);
  emit(
    'result_ready',
    finish,
    { outcome: refusedOnMerits ? 'refused_on_merits' : 'approved', electronicResult },
    'officer',
  );
  if (!refusedOnMerits && r.chance(0.7))
    emit('digitized', finish + r.int(2, 30) * MIN_MS, { result: true }, 'officer');

  // ---- apology: issued by the head of the unit holding the dossier, before the (final) due date when possible
  if (apology) {
    const due = finalDue(dl, p, s, pauses);
    const deadline = dl.apologyDeadline(due);
    const afterPauses = pauses.reduce((m, x) => Math.max(m, x.to), 0);
    let chosen = null;
    for (let i = steps.length - 2; i >= 1 && !chosen; i--) {
      if (steps[i].unitCode === deskUnit) continue;
      const lo = Math.max(stepStart[i], afterPauses) + 5 * MIN_MS;
      for (const hi of [deadline, due - 5 * MIN_MS]) {
        const top = Math.min(hi, stepEnd[i] - 5 * MIN_MS);
        if (top > lo) {
          // Usually written in the last two working days before the deadline.
          const from = Math.max(lo, cal.openingOf(cal.shiftWorkingDays(dayOf(top), -1)));
          const span = Math.max(0, cal.workingMinutesBetween(from, top));
          let ta = Math.min(cal.addWorkingMinutes(from, span * r.uniform(0.1, 0.95)), top);
          ta = Math.floor(ta / MIN_MS) * MIN_MS;
          if (ta > lo) chosen = { ta, unit: steps[i].unitCode };
          break;
        }
      }
    }
    if (chosen) {
      const newDue = cal.closeOf(cal.shiftWorkingDays(dayOf(due), reappointDays));
      const head = ctx.heads.get(chosen.unit);
      emit(
        'apology_issued',
        chosen.ta,
        {
          reason: r.pick(people.APOLOGY_REASONS),
          newDueAt: formatLocal(newDue),
          signer: { name: head.name, title: head.title },
          responsibleUnit: steps[culprit].unitCode,
        },
        `unit_head:${chosen.unit}`,
      );
    } else {
      plan.apology = false;
    }
  }

  // ---- return to the applicant, then the rating
  if (r.chance(0.97)) {
    let method;
    let back;
    if (!p.requiresPaperResult && electronicResult) {
      method = 'electronic';
      back = finish + r.int(3, 45) * MIN_MS;
    } else if (receipt.channel === 'postal' || (receipt.channel === 'online' && r.chance(0.4))) {
      method = 'postal';
      back = officeTimeAfter(cal, r, finish, r.int(0, 1));
    } else {
      method = 'desk';
      back = officeTimeAfter(cal, r, finish, Math.round(r.lognormal(1.2, 0.9)));
    }
    back = Math.max(back, finish + 5 * MIN_MS);
    emit('returned', back, { method }, 'officer');
    if (r.chance(0.68)) {
      const unhappy = late ? 0.3 : 0.05;
      const rating = r.weighted([
        ['very_satisfied', (1 - unhappy) * 0.4],
        ['satisfied', (1 - unhappy) * 0.6],
        ['dissatisfied', unhappy],
      ]);
      const data = { rating };
      if (r.chance(0.25))
        data.comment = r.pick(rating === 'dissatisfied' ? people.COMMENTS_BAD : people.COMMENTS_GOOD);
      const when =
        method === 'desk' ? back + r.int(1, 8) * MIN_MS : back + Math.round(r.lognormal(6, 1)) * 3600_000;
      emit('rated', when, data, 'officer');
    }
  }
  return { events, plan };
}

/** An office-hours instant `days` calendar days after t (next working day when that one is not), after t. */
function officeTimeAfter(cal, r, t, days) {
  let d = dayOf(t) + days;
  if (!cal.isWorkingDay(d)) d = cal.nextWorkingDay(d);
  const x = cal.officeTime(d, r.next());
  return x > t ? Math.floor(x / MIN_MS) * MIN_MS : cal.addWorkingMinutes(t, r.int(20, 120));
}

/** The due date after the given closed pauses (pause_resume shifts it; restart starts the clock again). */
function finalDue(dl, p, s, pauses) {
  let start = s;
  let paused = 0;
  for (const x of pauses) {
    if (x.kind === 'supplement' && p.supplementPolicy === 'restart') {
      start = dl.effectiveStart(x.to);
      paused = 0;
    }
  }
  const base = dl.baseDue(p.duration, start);
  if (base === null) return null;
  for (const x of pauses) {
    const shifts =
      x.kind === 'supplement' ? p.supplementPolicy === 'pause_resume' : p.pauseOnFinancialObligation === true;
    if (shifts && x.to > start) paused += dl.cal.workingMinutesBetween(Math.max(x.from, start), x.to);
  }
  return dl.shiftDue(p.duration, base, paused);
}

// ---------------------------------------------------------------- expectations after truncation

/** What the engine should say about a dossier given only the events up to the cut-off (a mini-fold). */
function expectationOf(ctx, p, events, cutoff) {
  const { dl } = ctx;
  const first = events[0];
  if (first.type === 'refused_at_reception') return { status: 'REFUSED_AT_RECEPTION', tags: ['refused'] };
  const s = dl.effectiveStart(first.t);
  const pauses = [];
  let open = null;
  let status = 'RECEIVED';
  let finishedAt = null;
  let apology = null;
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
        pauses.push({ ...open, to: e.t });
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
      default:
    }
  }
  const dueAt = finalDue(dl, p, s, pauses);
  const outcome =
    finishedAt !== null && (status === 'RESULT_READY' || status === 'RETURNED')
      ? dueAt === null
        ? 'on_time'
        : dl.classify(finishedAt, dueAt)
      : null;
  const tags = [];
  const isOpen = ['RECEIVED', 'IN_PROCESS', 'SUPPLEMENT_REQUESTED', 'WAITING_FINANCIAL_OBLIGATION'].includes(
    status,
  );
  if (status === 'RETURNED' && outcome === 'early') tags.push('returned_early');
  if (outcome === 'late')
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

// ---------------------------------------------------------------- the month

/**
 * @param {object} o
 * @param {number} o.seed
 * @param {number} o.dossiers dossiers received in the month
 * @param {string} o.month 'YYYY-MM'
 * @param {number} o.now epoch ms: events after it are not emitted (they have not happened yet)
 * @param {Array} o.procedures config/catalogue/procedures.json
 * @param {Array} o.units config/catalogue/units.json
 * @param {import('./calendar').DemoCalendar} o.calendar
 * @param {object} [o.sla] config/settings.json `sla` (documented defaults otherwise)
 * @param {number|null} [o.tailDays] receipts continue after the month for this many days up to now (null: all)
 * @param {Map<string,{name:string,title:string}>} o.heads who signs apologies for each unit
 */
function generateMonth(o) {
  const sla = { ...DEFAULT_SLA, ...(o.sla || {}) };
  const cal = o.calendar;
  const dl = { ...deadlines(cal, sla), cal };
  const deskUnit = o.deskUnit || (o.units.find((u) => u.kind === 'one_stop') || { code: 'LDTBXH.MC' }).code;
  const codePrefix = o.codePrefix || 'H57.12';
  const seed = String(o.seed);
  const popR = rng(seed, 'popularity');
  const popularity = new Map(
    o.procedures.map((p) => [p.code, (POPULARITY[p.code] ?? RARE) * popR.uniform(0.8, 1.25)]),
  );
  const ctx = { cal, dl, sla, seed, deskUnit, procedures: o.procedures, popularity, heads: o.heads };

  const [y, m] = o.month.split('-').map(Number);
  const monthFrom = `${o.month}-01`;
  const monthTo = dateOfDay(
    dayOfDate(`${y + (m === 12 ? 1 : 0)}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`) - 1,
  );
  const cutoff = o.now - 2 * MIN_MS; // a little margin: the API refuses events stamped in its future
  const today = dateOfDay(dayOf(cutoff));
  const tailEnd =
    o.tailDays === null || o.tailDays === undefined
      ? today
      : dateOfDay(Math.min(dayOf(cutoff), dayOfDate(monthTo) + o.tailDays));
  const monthDays = listDays(monthFrom, monthTo);
  const tailDays = tailEnd > monthTo ? listDays(dateOfDay(dayOfDate(monthTo) + 1), tailEnd) : [];
  const dayWeight = (d) => {
    const jitter = rng(seed, 'jitter', dateOfDay(d)).uniform(0.85, 1.15);
    return (cal.isWorkingDay(d) ? WEEKDAY_WEIGHT[(d + 4) % 7] || 1 : OFF_DAY_WEIGHT) * jitter;
  };
  const monthWeights = monthDays.map(dayWeight);
  const monthCounts = apportion(o.dossiers, monthWeights);
  const rate = o.dossiers / monthWeights.reduce((a, b) => a + b, 0);

  const all = [];
  const dossiers = [];
  const days = [
    ...monthDays.map((d, i) => [d, monthCounts[i]]),
    ...tailDays.map((d) => [d, Math.round(rate * dayWeight(d))]),
  ];
  for (const [d, count] of days) {
    const receipts = receiptsOfDay(ctx, d, count);
    const yymmdd = dateOfDay(d).slice(2).replace(/-/g, '');
    receipts.forEach((rc, i) => {
      if (rc.t > cutoff) return; // received later today: not yet
      const code = `${codePrefix}-${yymmdd}-${String(i + 1).padStart(4, '0')}`;
      const { events, plan } = lifeOf(ctx, rc, code);
      events.sort((a, b) => a.t - b.t);
      // Every event strictly after the previous one: equal instants would leave the order to the type rank.
      for (let k = 1; k < events.length; k++)
        if (events[k].t <= events[k - 1].t) events[k].t = events[k - 1].t + MIN_MS;
      const full = events.length;
      const kept = events.filter((e) => e.t <= cutoff);
      kept.forEach((e, k) => {
        e.id = uuidFrom(seed, code, k, e.type);
        e.dossierCode = code;
      });
      const expect = expectationOf(ctx, rc.procedure, kept, cutoff);
      dossiers.push({
        code,
        procedureCode: rc.procedure.code,
        channel: rc.channel,
        receivedAt: rc.t,
        inMonth: dateOfDay(d) <= monthTo,
        plan,
        expect,
        events: kept.length,
        pendingEvents: full - kept.length,
      });
      for (const e of kept) all.push(e);
    });
  }
  all.sort(
    (a, b) => a.t - b.t || (a.dossierCode < b.dossierCode ? -1 : a.dossierCode > b.dossierCode ? 1 : 0),
  );
  const events = all.map((e) => ({
    id: e.id,
    dossierCode: e.dossierCode,
    type: e.type,
    occurredAt: formatLocal(e.t),
    data: e.data,
    actor: e.actor,
    t: e.t,
  }));
  return {
    events,
    dossiers,
    window: { monthFrom, monthTo, tailEnd: tailDays.length ? tailEnd : null, cutoff },
  };
}

module.exports = { generateMonth, deadlines, apportion, forwardActor, DEFAULT_SLA };
