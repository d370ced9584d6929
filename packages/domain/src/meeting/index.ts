export * from './attendance.ts';
export * from './meeting-state.ts';
export * from './meeting-events.ts';
export * from './meeting-commands.ts';
export * from './quorum.ts';
export * from './apply.ts';
export * from './decide.ts';
