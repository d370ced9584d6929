export * from './services.ts';
export * from './databases.ts';
export * from './browser.ts';
