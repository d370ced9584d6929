export * from './localized.ts';
export * from './body-kinds.ts';
export * from './agenda-item-kinds.ts';
export * from './agenda-templates.ts';
export * from './meeting-statuses.ts';
