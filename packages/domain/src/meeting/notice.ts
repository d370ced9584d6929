import type { DocumentKind } from '../documents.ts';

/** A paper as the notice lists it: sent with the notice, under its agenda item. */
export type NoticePaper = {
  readonly documentId: string;
  readonly title: string;
  readonly kind: DocumentKind;
  readonly agendaItemId: string | null;
};

/**
 * The notice of a meeting (giấy triệu tập, giấy mời) as the members were sent it: its title,
 * time, place and papers; the agenda is the convened agenda. The server reads it from the
 * meeting's setup when it convenes and whenever the setup changes after.
 */
export type MeetingNotice = {
  readonly title: string;
  readonly startsAt: string | null;
  readonly place: string | null;
  readonly papers: readonly NoticePaper[];
};

/** What a change after convening touched: the members are told which. */
export const NOTICE_CHANGES = ['title', 'time', 'place', 'papers'] as const;

export type NoticeChange = (typeof NOTICE_CHANGES)[number];

/** The notice now: its version counts the changes since convening (1 as convened). */
export type NoticeState = MeetingNotice & {
  readonly version: number;
  /** What the last change touched; none as convened. */
  readonly changes: readonly NoticeChange[];
  readonly amendedAt: string | null;
};

/** What differs between two notices, in the order the notice reads. */
export function noticeChanges(before: MeetingNotice, after: MeetingNotice): NoticeChange[] {
  const papersOf = (notice: MeetingNotice) =>
    JSON.stringify(
      notice.papers.map((paper) => [paper.documentId, paper.title, paper.kind, paper.agendaItemId]),
    );
  const changes: NoticeChange[] = [];
  if (before.title !== after.title) changes.push('title');
  if (before.startsAt !== after.startsAt) changes.push('time');
  if (before.place !== after.place) changes.push('place');
  if (papersOf(before) !== papersOf(after)) changes.push('papers');
  return changes;
}
