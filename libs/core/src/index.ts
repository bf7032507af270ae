export * from './core.tokens';
export * from './core.module';
export * from './graceful-shutdown';
export * from './calendar.service';
