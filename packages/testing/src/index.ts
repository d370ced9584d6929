export * from './services.ts';
export * from './throwaway-postgres.ts';
export * from './browser.ts';
