export * from './prometheus';
