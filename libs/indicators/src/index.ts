export * from './dossier-facts';
export * from './indicator-rates';
