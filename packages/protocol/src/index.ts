export * from './protocol-version.ts';
export * from './api-error.ts';
export * from './overview.schema.ts';
export * from './auth.schema.ts';
export * from './setup.schema.ts';
export * from './meeting.schema.ts';
export * from './language.ts';
export * from './typed-text.ts';
