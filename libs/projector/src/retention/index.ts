export * from './retention-schedule';
