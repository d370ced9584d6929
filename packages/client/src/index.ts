export * from './meeting-client.ts';
export * from './notice-watch.ts';
