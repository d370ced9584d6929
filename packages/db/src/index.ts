export * from './create-database.ts';
export * from './data-dir-lock.ts';
export * as schema from './schema/index.ts';
export * from './membership-in-force.ts';
