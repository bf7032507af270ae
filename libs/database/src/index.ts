export * from './entities';
export * from './data-source';
export * from './event-store.repository';
export * from './catalogue.repository';
export * from './dossier.repository';
export * from './user.repository';
export * from './catalogue.loader';
export * from './setup';
