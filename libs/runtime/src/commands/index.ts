export * from './command-envelope';
export * from './command-executor';
export * from './command-problems';
export * from './decision-cache';
export * from './tenant-rules';
