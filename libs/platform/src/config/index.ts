export * from './app-config';
export * from './preflight';
