export * from './schema';
export * from './case-document';
export * from './registry-documents';
export * from './read-model-projection';
export * from './generations';
export * from './read-model-supervisor';
export * from './check';
export * from './not-created';
