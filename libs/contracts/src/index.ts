export * from './schema.validator';
export * from './event.schema';
export * from './permissions';
