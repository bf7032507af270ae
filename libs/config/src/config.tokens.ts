/** The Nest injection token of the AppConfig (a plain symbol: this library does not depend on Nest). */
export const APP_CONFIG = Symbol('APP_CONFIG');
