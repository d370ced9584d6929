export * from './meeting-client.ts';
export * from './notice-watch.ts';
export * from './board-watch.ts';
