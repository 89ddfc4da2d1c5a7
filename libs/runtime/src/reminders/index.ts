export * from './reminder-settings';
export * from './reminder-schedule';
