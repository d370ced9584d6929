export * from './meeting-client.ts';
