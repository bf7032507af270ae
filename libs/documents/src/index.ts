export * from './forms';
export * from './html';
export * from './apology-letter';
export * from './apology-notice';
