export * from './dossier-facts';
export * from './indicator-rates';
export * from './scoring-inputs';
export * from './decision-766';
export * from './circular-01';
