export * from './contract';
export * from './events';
