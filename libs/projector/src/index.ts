export * from './projector';
export * from './projector-host';
export * from './reactions-processor';
export * from './retention';
export * from './reminders';
