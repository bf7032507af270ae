// What other scripts use: ensure/stop the services and the URL helpers (the CLI is services.cli.ts).
export { type EnsuredService, type EnsuredServices, ensureServices, stopServices } from './services';
export {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  parsePostgresUrl,
  parseRedisUrl,
  withDatabase,
} from './service-url';
export { ensurePdfTools } from './pdf-tools';
export { ensureBrowser } from './browser';
