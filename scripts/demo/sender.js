'use strict';
// Replays generated events through POST /api/v1/events/batch, each batch as the user who would log those events.
// The API authorises an event against the dossier's state at intake, so a dossier's events must arrive in order:
// a dossier is in at most one request at a time, and its next event waits until the previous one is committed.
// Within one request later events see earlier ones, so a run of one user's events can share a batch.

/** Min-heap of numbers (indices into the time-ordered event list). */
class Heap {
  constructor() {
    this.a = [];
  }
  get size() {
    return this.a.length;
  }
  peek() {
    return this.a[0];
  }
  push(x) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= a[i]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop() {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * @param {object} o
 * @param {import('./http-client').ApiClient} o.client
 * @param {Array<{id,dossierCode,type,occurredAt,data,actor}>} o.events time-ordered
 * @param {(actor: string) => string} o.userOf actor key → username (all 'admin' in admin mode)
 * @param {Map<string,string>} o.tokens username → bearer token
 * @param {number} [o.concurrency] requests in flight
 * @param {number} [o.batchSize] at most 1000 (the API's limit)
 * @param {(p: object) => void} [o.onProgress]
 */
async function sendEvents(o) {
  const { client, events, userOf, tokens } = o;
  const concurrency = o.concurrency || 4;
  const batchSize = Math.min(1000, o.batchSize || 1000);
  const started = Date.now();
  const counts = { accepted: 0, duplicate: 0, rejected: 0, requests: 0 };
  const rejected = [];

  // Per dossier: its chain of event indices, the next one not yet sent, and where it stands.
  const dossiers = new Map();
  events.forEach((e, i) => {
    let d = dossiers.get(e.dossierCode);
    if (!d)
      dossiers.set(
        e.dossierCode,
        (d = { chain: [], next: 0, inflight: null, queued: false, waiting: false }),
      );
    d.chain.push(i);
  });
  const heaps = new Map();
  const heapOf = (user) => {
    let h = heaps.get(user);
    if (!h) heaps.set(user, (h = new Heap()));
    return h;
  };
  const users = events.map((e) => userOf(e.actor));
  const enqueueNext = (d) => {
    if (d.next < d.chain.length) {
      heapOf(users[d.chain[d.next]]).push(d.chain[d.next]);
      d.queued = true;
    }
  };
  for (const d of dossiers.values()) enqueueNext(d);

  let nextBatchId = 1;
  let inflight = 0;
  let sent = 0;

  /** Takes the earliest ready events of one user, following each dossier's run of that user's events. */
  function buildBatch() {
    let user = null;
    let best = Infinity;
    for (const [u, h] of heaps) if (h.size > 0 && h.peek() < best) [user, best] = [u, h.peek()];
    if (user === null) return null;
    const heap = heaps.get(user);
    const id = nextBatchId++;
    const items = [];
    const touched = new Set();
    while (items.length < batchSize && heap.size > 0) {
      const i = heap.pop();
      const d = dossiers.get(events[i].dossierCode);
      if (d.inflight !== null && d.inflight !== id) {
        d.waiting = true; // its previous event is still on the wire: retry once that request answers
        continue;
      }
      items.push(i);
      touched.add(d);
      d.inflight = id;
      d.queued = false;
      d.next++;
      if (d.next < d.chain.length && users[d.chain[d.next]] === user) {
        heap.push(d.chain[d.next]);
        d.queued = true;
      }
    }
    if (items.length === 0) return null;
    return { id, user, items, touched };
  }

  function finish(batch) {
    for (const d of batch.touched) {
      d.inflight = null;
      if (d.waiting) {
        d.waiting = false;
        heapOf(users[d.chain[d.next]]).push(d.chain[d.next]);
      } else if (!d.queued) enqueueNext(d);
    }
  }

  async function send(batch) {
    const body = {
      events: batch.items.map((i) => {
        const e = events[i];
        return { id: e.id, dossierCode: e.dossierCode, type: e.type, occurredAt: e.occurredAt, data: e.data };
      }),
    };
    const { body: answer } = await client.request('POST', '/api/v1/events/batch', {
      token: tokens.get(batch.user),
      body,
      expect: [200],
    });
    counts.requests++;
    answer.results.forEach((r, k) => {
      if (r.status === 'accepted') counts.accepted++;
      else if (r.status === 'duplicate') counts.duplicate++;
      else {
        counts.rejected++;
        const e = events[batch.items[k]];
        if (rejected.length < 1000) rejected.push({ event: e, user: batch.user, error: r.error });
      }
    });
    sent += batch.items.length;
  }

  await new Promise((resolve, reject) => {
    let failed = false;
    const pump = () => {
      if (failed) return;
      while (inflight < concurrency) {
        const batch = buildBatch();
        if (!batch) break;
        inflight++;
        send(batch).then(
          () => {
            inflight--;
            finish(batch);
            if (o.onProgress)
              o.onProgress({ ...counts, sent, total: events.length, elapsedMs: Date.now() - started });
            pump();
          },
          (err) => {
            failed = true;
            reject(err);
          },
        );
      }
      if (inflight === 0) {
        if (sent === events.length) resolve();
        else reject(new Error(`sender stalled with ${events.length - sent} event(s) unsent (scheduler bug)`));
      }
    };
    pump();
  });
  return { ...counts, sent, rejectedEvents: rejected, elapsedMs: Date.now() - started };
}

module.exports = { sendEvents, Heap };
