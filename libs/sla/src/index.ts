export * from './sla.types';
export * from './sla.settings';
export * from './deadline';
export * from './status-mapping';
export * from './sla-state';
export * from './dossier.fold';
export * from './rule-set';
export * from './timeless-state';
