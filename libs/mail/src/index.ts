export * from './format';
export * from './mail-transport';
export * from './mail.module';
export * from './templates/layout';
export * from './templates/staff.templates';
