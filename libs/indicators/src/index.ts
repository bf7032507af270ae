export * from './dossier-facts';
export * from './indicator-rates';
export * from './report-06a';
export * from './scoring-inputs';
export * from './decision-766';
export * from './circular-01';
