import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import {
  ReadOperationalMetrics,
  RECENT_APPLY_WINDOW,
  type MetricsSource,
  type OperationalMetrics,
  type SourceReading,
} from '@motcua/application';
import { MAIL_STATUSES } from '@motcua/database';
import { QUEUE_NAMES, WATCHED_JOB_STATES } from '@motcua/queue';

/** HTTP latency buckets (seconds): a worklist in milliseconds, a ledger PDF in seconds. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUANTILES = ['0.5', '0.9', '0.99', '1'] as const;
const SOURCES: MetricsSource[] = ['postgres', 'redis'];

export type HttpLabels = 'method' | 'route' | 'status_class';

/**
 * The API's Prometheus registry: its process, its HTTP latency by route pattern, and the operators' gauges read
 * at scrape time (ReadOperationalMetrics). A gauge whose source did not answer in time reads NaN, never a stale or
 * made-up 0; `motcua_metrics_source_up` says which source failed.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();
  readonly http: Histogram<HttpLabels>;
  /** The reading of the scrape under way: every gauge of one scrape shows the same instant. */
  private current: Promise<OperationalMetrics> | null = null;
  private readonly down = new Set<MetricsSource>();
  private readonly log = new Logger('metrics');

  constructor(private readonly operations: ReadOperationalMetrics) {
    collectDefaultMetrics({ register: this.registry });
    this.http = new Histogram({
      name: 'motcua_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern (never the raw path) and status class (aborted: the client left first)',
      labelNames: ['method', 'route', 'status_class'],
      buckets: HTTP_BUCKETS,
      registers: [this.registry],
    });
    this.gauge(
      'motcua_metrics_source_up',
      'Whether the source answered this scrape in time (1) or not (0)',
      ['source'],
      (g, m) => {
        for (const s of SOURCES) g.set({ source: s }, m[s].up ? 1 : 0);
      },
    );
    this.gauge(
      'motcua_metrics_source_read_seconds',
      'How long this scrape waited for the source',
      ['source'],
      (g, m) => {
        for (const s of SOURCES) g.set({ source: s }, m[s].seconds);
      },
    );
    this.gauge('motcua_queue_jobs', 'Jobs of each BullMQ queue in each state', ['queue', 'state'], (g, m) => {
      const depths = valueOf(m.redis)?.queues;
      for (const queue of QUEUE_NAMES)
        for (const state of WATCHED_JOB_STATES)
          g.set({ queue, state }, depths?.find((d) => d.queue === queue)?.[state] ?? NaN);
    });
    this.gauge(
      'motcua_deadline_timers_armed',
      'Deadline tracker timers armed in Redis (delayed jobs within the horizon)',
      [],
      (g, m) => g.set(valueOf(m.redis)?.timersArmed ?? NaN),
    );
    this.gauge(
      'motcua_projection_unapplied_events',
      'Committed events the worker has not applied yet',
      [],
      (g, m) => g.set(valueOf(m.postgres)?.unappliedEvents ?? NaN),
    );
    this.gauge(
      'motcua_projection_lag_seconds',
      'Age of the oldest committed event not applied yet (0 when none waits)',
      [],
      (g, m) => g.set(valueOf(m.postgres)?.oldestUnappliedSeconds ?? NaN),
    );
    this.gauge(
      'motcua_dossiers_overdue',
      'Open dossiers past their due instant in the projection (the sla=overdue worklist)',
      [],
      (g, m) => g.set(valueOf(m.postgres)?.overdueDossiers ?? NaN),
    );
    this.gauge(
      'motcua_mails',
      'Mails of the outbox by status (pending, sent, failed); letters to print are not mails',
      ['status'],
      (g, m) => {
        const mails = valueOf(m.postgres)?.mails;
        for (const status of MAIL_STATUSES) g.set({ status }, mails?.[status] ?? NaN);
      },
    );
    this.gauge(
      'motcua_event_apply_latency_recent_seconds',
      `recorded_at to applied_at over the applied events among the newest ${RECENT_APPLY_WINDOW} recorded, by quantile (1: the longest)`,
      ['quantile'],
      (g, m) => {
        const l = valueOf(m.postgres)?.recentApplyLatency;
        const values = l ? [l.p50, l.p90, l.p99, l.max] : [NaN, NaN, NaN, NaN];
        QUANTILES.forEach((quantile, i) => g.set({ quantile }, values[i]));
      },
    );
    this.gauge(
      'motcua_event_apply_latency_recent_events',
      'How many applied events the recent apply latency is over',
      [],
      (g, m) => {
        const p = valueOf(m.postgres);
        g.set(p ? (p.recentApplyLatency?.events ?? 0) : NaN);
      },
    );
  }

  /** The text Prometheus reads, and its media type. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    // The collectors all start synchronously inside metrics(), so each takes this scrape's reading.
    this.current = this.read();
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }

  /** A gauge set at scrape time from the reading the whole scrape shares. */
  private gauge<L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    fill: (gauge: Gauge<L>, m: OperationalMetrics) => void,
  ): void {
    const read = () => (this.current ??= this.read());
    const gauge: Gauge<L> = new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        fill(gauge, await read());
      },
    });
  }

  private read(): Promise<OperationalMetrics> {
    return this.operations.read().then((m) => {
      this.logChanges(m);
      return m;
    });
  }

  /** Logs a source going down or coming back, not every scrape while it stays down. */
  private logChanges(m: OperationalMetrics): void {
    for (const s of SOURCES) {
      const r = m[s];
      if (!r.up && !this.down.has(s)) this.log.warn(`${s} did not answer the metrics scrape: ${r.error}`);
      if (r.up && this.down.has(s)) this.log.log(`${s} answers the metrics scrape again`);
      if (r.up) this.down.delete(s);
      else this.down.add(s);
    }
  }
}

const valueOf = <T>(r: SourceReading<T>): T | null => (r.up ? r.value : null);
