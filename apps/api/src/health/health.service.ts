import { Inject, Injectable } from '@nestjs/common';
import * as net from 'node:net';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { DatabaseProbe } from '@motcua/database';
import { RedisProbe } from '@motcua/queue';

type Check = { status: 'up' | 'down'; latencyMs: number; error?: string };

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

async function timed(fn: () => Promise<unknown>, ms = 1500): Promise<Check> {
  const start = Date.now();
  try {
    await withTimeout(fn(), ms);
    return { status: 'up', latencyMs: Date.now() - start };
  } catch (err) {
    return {
      status: 'down',
      latencyMs: Date.now() - start,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

@Injectable()
export class HealthService {
  constructor(
    private readonly postgres: DatabaseProbe,
    private readonly redis: RedisProbe,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Readiness needs PostgreSQL (durable intake) and Redis (dispatch); SMTP is reported but does not gate intake. */
  async check() {
    const [postgres, redis, smtp] = await Promise.all([
      timed(() => this.postgres.ping()),
      timed(() => this.redis.ping()),
      timed(() => tcpProbe(this.config.smtpUrl)),
    ]);
    const ready = postgres.status === 'up' && redis.status === 'up';
    return { status: ready ? 'ok' : 'degraded', ready, checks: { postgres, redis, smtp } };
  }
}

function tcpProbe(url: string): Promise<void> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 25) });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}
