// Path c's last resort: installs missing server binaries with apt-get, only as root on Debian/Ubuntu.
import { findExecutable, isRoot, run } from './system.util';

/**
 * apt-get installs missing packages when we are root on Debian/Ubuntu; otherwise tells the user what to do
 * (`manual`, or the servers' advice).
 */
export async function installPackages(
  packages: readonly string[],
  what: string,
  log: (msg: string) => void,
  manual?: string,
): Promise<void> {
  if (!isRoot() || !findExecutable('apt-get')) {
    if (manual) throw new Error(manual);
    throw new Error(
      `${what} is not reachable and no ${what} binaries were found. Install them ` +
        `(Debian/Ubuntu: sudo apt-get install ${packages.join(' ')}; macOS: brew install ${packages.includes('redis-server') ? 'redis' : 'postgresql@16'}), ` +
        'start Docker so docker-compose.yml can be used, or point the URL at a running server.',
    );
  }
  log(`${what}: binaries missing, installing ${packages.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    const res = await run('apt-get', args, { timeout: 15 * 60000, env, echo: true });
    if (res.code !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${res.code})`);
  }
}
