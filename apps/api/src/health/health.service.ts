import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import * as net from 'node:net';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@motcua/config';
import { APP_CONFIG } from '@motcua/core';
import { redisOptions } from '@motcua/queue';

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
export class HealthService implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Its own fail-fast connection: a probe must answer "down", not wait for a reconnect.
    this.redis = new Redis({
      ...(redisOptions(config.redisUrl) as object),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }

  /** Readiness needs PostgreSQL (durable intake) and Redis (dispatch); SMTP is reported but does not gate intake. */
  async check() {
    const [postgres, redis, smtp] = await Promise.all([
      timed(() => this.db.query('SELECT 1')),
      timed(async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
        return this.redis.ping();
      }),
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
