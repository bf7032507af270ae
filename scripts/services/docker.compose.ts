// Path b: `docker compose up -d <service>` from docker-compose.yml when a Docker engine answers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../support/paths';
import { type RunOptions, type RunResult, run } from './system.util';

const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');

let composeCommand: Promise<string[] | null> | undefined;

/**
 * The compose command when a Docker engine answers (`docker compose`, else the older `docker-compose`),
 * or null: on some machines only the docker client exists and `docker info` fails. Asked once per process.
 */
export function dockerCompose(): Promise<string[] | null> {
  composeCommand ??= (async () => {
    if (!fs.existsSync(COMPOSE_FILE) || (await run('docker', ['info'], { timeout: 10000 })).code !== 0)
      return null;
    if ((await run('docker', ['compose', 'version'], { timeout: 10000 })).code === 0)
      return ['docker', 'compose'];
    if ((await run('docker-compose', ['version'], { timeout: 10000 })).code === 0) return ['docker-compose'];
    return null;
  })();
  return composeCommand;
}

/**
 * Compose interpolates the whole file, and the api and worker services require JWT_SECRET, ADMIN_PASSWORD and LOOKUP_SECRET
 * (`${VAR:?…}`). PostgreSQL and Redis, the only services started from here, use neither: placeholders stand in
 * for those not set, so that the secrets are demanded only where they are used.
 */
const SECRETS_UNUSED_HERE = {
  JWT_SECRET: 'unused-by-postgres-and-redis',
  ADMIN_PASSWORD: 'unused-by-postgres-and-redis',
  LOOKUP_SECRET: 'unused-by-postgres-and-redis',
};

export async function runCompose(args: readonly string[], options: RunOptions): Promise<RunResult> {
  const command = await dockerCompose();
  if (!command) throw new Error('Docker is not answering');
  const [cmd, ...pre] = command;
  const env = { ...SECRETS_UNUSED_HERE, ...(options.env ?? process.env) };
  return run(cmd, [...pre, '-f', COMPOSE_FILE, ...args], { ...options, env });
}

/** Starts one compose service published on the URL's port. */
export async function composeUp(
  service: 'postgres' | 'redis',
  portEnv: string,
  port: number,
  log: (msg: string) => void,
): Promise<void> {
  log(`${service}: starting with docker compose on port ${port}`);
  // Only the missing service is started, so a host server already on the other port is not clashed with.
  const res = await runCompose(['up', '-d', service], {
    timeout: 10 * 60000,
    env: { ...process.env, [portEnv]: String(port) },
    echo: true,
  });
  if (res.code !== 0) throw new Error(`docker compose up -d ${service} failed (exit ${res.code})`);
}
