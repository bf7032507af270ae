export * from './config.errors';
export * from './config.tokens';
export * from './app.config';
export * from './settings.loader';
export * from './official-years.loader';
export * from './catalogue-files.loader';
export * from './config-file.reader';
export * from './config.start';
