export * from './runtime';
export * from './commands';
export * from './projector';
export * from './projector-host';
export * from './retention';
export * from './metrics-settings';
export * from './reminders';
export * from './reactions';
