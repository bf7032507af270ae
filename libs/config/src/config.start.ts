import { type AppConfig, loadConfig } from './app.config';
import { ConfigError } from './config.errors';

/**
 * The config of an app's entry point: a bad environment or config file ends the process with exit code 1 and one
 * line naming what is wrong (`api: Invalid environment: JWT_SECRET must be at least 32 bytes, got 9`), no stack.
 */
export function loadConfigOrExit(app: string, env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`${app}: ${err.message}`);
    process.exit(1);
  }
}
