export * from './protocol-version.ts';
export * from './api-error.ts';
export * from './overview.schema.ts';
