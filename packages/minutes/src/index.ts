export * from './minutes-authority.ts';
export * from './minutes-schema.ts';
