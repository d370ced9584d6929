export * from './organisation.table.ts';
export * from './body.table.ts';
export * from './person.table.ts';
export * from './membership.table.ts';
export * from './meeting.table.ts';
export * from './account.table.ts';
export * from './app-meta.table.ts';
