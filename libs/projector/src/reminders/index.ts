export * from './reminder-settings';
export * from './reminder-schedule';
export * from './reminder-metrics';
