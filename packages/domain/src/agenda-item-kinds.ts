import type { Localized } from './localized.ts';

/**
 * What an agenda item is, which decides what the presiding officer can do with it:
 * a resolution or election item carries a vote, a designation is announced without one.
 */
export const AGENDA_ITEM_KINDS = {
  procedural: 'procedural',
  report: 'report',
  resolution: 'resolution',
  election: 'election',
  designation: 'designation',
} as const;

export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[keyof typeof AGENDA_ITEM_KINDS];

export const AGENDA_ITEM_KIND_VALUES = Object.values(AGENDA_ITEM_KINDS) as [
  AgendaItemKind,
  ...AgendaItemKind[],
];

export const AGENDA_ITEM_KIND_NAMES: Readonly<Record<AgendaItemKind, Localized>> = {
  procedural: { vi: 'Thủ tục', en: 'Procedural' },
  report: { vi: 'Báo cáo', en: 'Report' },
  resolution: { vi: 'Nghị quyết', en: 'Resolution' },
  election: { vi: 'Bầu cử', en: 'Election' },
  designation: { vi: 'Công bố chỉ định', en: 'Designation' },
};
