export * from './meeting-client.ts';
export * from './receipt-code.ts';
