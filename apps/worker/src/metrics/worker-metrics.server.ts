import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { ApplyLatencyFeed, metricsTokenAccepted } from '@motcua/application';
import { APP_CONFIG, type AppConfig } from '@motcua/config';

/** Apply latency buckets (seconds): milliseconds when the worker keeps up, minutes while it drains a backlog. */
const APPLY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

/**
 * The worker's own GET /metrics on WORKER_METRICS_PORT: every event it applies, observed as it commits
 * (`motcua_event_apply_latency_seconds`), and its process. The API's /metrics has the shared gauges; each worker
 * has only what it alone knows, so Prometheus sums the workers' histograms without counting anything twice.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  readonly registry = new Registry();
  private readonly stopListening: () => void;
  private server: http.Server | null = null;
  private readonly log = new Logger('metrics');

  constructor(
    feed: ApplyLatencyFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const latency = new Histogram({
      name: 'motcua_event_apply_latency_seconds',
      help: 'recorded_at to applied_at of every event this worker applied (PostgreSQL timestamps of both commits)',
      buckets: APPLY_BUCKETS,
      registers: [this.registry],
    });
    this.stopListening = feed.listen((seconds) => {
      for (const s of seconds) latency.observe(s);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.metrics.workerPort;
    if (port === null) return;
    const server = http.createServer((req, res) => void this.answer(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '0.0.0.0', () => resolve());
    });
    this.log.log(`metrics on http://127.0.0.1:${this.port}/metrics`);
  }

  /** The port it listens on (WORKER_METRICS_PORT=0 takes any free one), null when it serves none. */
  get port(): number | null {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? address.port : null;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopListening();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://worker').pathname;
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (!metricsTokenAccepted(req.headers.authorization, this.config.metrics.token)) {
      res
        .writeHead(401, {
          'Content-Type': 'text/plain; charset=utf-8',
          'WWW-Authenticate': 'Bearer realm="metrics"',
        })
        .end('the metrics token (METRICS_TOKEN) is required\n');
      return;
    }
    try {
      const text = await this.registry.metrics();
      res
        .writeHead(200, { 'Content-Type': this.registry.contentType, 'Cache-Control': 'no-store' })
        .end(text);
    } catch (err) {
      this.log.error(`metrics: ${err instanceof Error ? err.message : String(err)}`);
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
    }
  }
}
