/** A bad environment variable or configuration file: the apps must not start. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
