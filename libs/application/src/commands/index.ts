export * from './command-envelope';
export * from './command-executor';
export * from './command-rejected';
export * from './decision-cache';
