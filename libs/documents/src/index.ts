export * from './forms';
export * from './html';
export * from './apology-letter';
export * from './apology-notice';
export * from './form-views';
export * from './render';
export * from './report-06a.template';
export * from './report-06a-xlsx.renderer';
