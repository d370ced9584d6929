export * from './minutes-authority.ts';
export * from './minutes-schema.ts';
export * from './proceedings-steps.ts';
