// Each test file gets a Redis logical database of its own, so parallel files and runs never share a queue.
import { claimRedisDb } from '../../scripts/support/redis-db';
import { BASE_REDIS_URL } from './settings';

/**
 * Claims a free logical database 1..15 (random start; waits up to 120 s when all are taken), flushed now and
 * again on release. The claim lives 15 minutes, longer than any test file.
 */
export async function claimTestRedisDb(
  owner: string,
): Promise<{ url: string; release: () => Promise<void> }> {
  const claim = await claimRedisDb(BASE_REDIS_URL, {
    owner,
    order: 'random',
    waitMs: 120_000,
    pollMs: 250,
    flushOnRelease: true,
  });
  return { url: claim.url, release: () => claim.release() };
}
