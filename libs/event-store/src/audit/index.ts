export * from './audit-reader';
export * from './store-verifier';
export * from './export-format';
export * from './postgres-audit-reader';
