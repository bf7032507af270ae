// TEMPORARY shim while libs/core is dissolved into libs/config and libs/application; removed before commit.
export { APP_CONFIG } from '@motcua/config';
export { CLOCK, systemClock, type Clock } from '@motcua/application';
