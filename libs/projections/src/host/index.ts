export * from './projector-host';
