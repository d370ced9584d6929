import { schema, type Database } from '@hopxa/db';
import { headFingerprint, type MeetingState } from '@hopxa/domain';
import {
  agendaPaper,
  attendancePaper,
  minutesPaper,
  noticePaper,
  pollPaper,
  renderDocx,
  renderPdf,
  type NoticeFacts,
  type Paper,
  type SittingFacts,
} from '@hopxa/papers';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { HttpError } from '../http/http-error.ts';
import type { MeetingStateCache } from '../meetings/event-log.ts';
import type { PaperFile } from './paper-file.ts';
import { submittedMinutes } from '../minutes/minutes-audit.ts';
import type { MinutesStore } from '../minutes/minutes-store.ts';
import { loadMeetingDetail } from '../meetings/meeting.service.ts';

const commune = alias(schema.organisations, 'commune');
const province = alias(schema.organisations, 'province');

/**
 * A paper of a meeting, by the name in its address: its notice, the minutes, the lists, or a
 * closed poll's sheet.
 */
export type PaperName = 'notice' | 'minutes' | 'attendance' | 'agenda' | `poll-${string}`;
export type PaperFormat = 'docx' | 'pdf';

export const CONTENT_TYPES: Readonly<Record<PaperFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** The meeting as setup holds it, named on every paper beside what the record holds. */
export async function sittingFacts(
  db: Database,
  target: MeetingState['target'],
  head: { seq: number; hash: string },
): Promise<SittingFacts> {
  const detail = await loadMeetingDetail(db, target.meetingId);
  const [place] = await db
    .select({ commune: commune.name, province: province.name })
    .from(commune)
    .leftJoin(province, eq(province.id, commune.parentId))
    .where(eq(commune.id, target.organisationId));
  const named = (role: 'presiding_officer' | 'secretary') =>
    detail.roles.filter((held) => held.role === role).map((held) => held.fullName);
  return {
    title: detail.title,
    bodyName: detail.bodyName,
    bodyKind: target.bodyKind,
    communeName: place?.commune ?? '',
    provinceName: place?.province ?? '',
    place: detail.place,
    startsAt: detail.startsAt,
    presiding: named('presiding_officer')[0] ?? '',
    secretaries: named('secretary'),
    head: { seq: head.seq, fingerprint: headFingerprint(head.hash) },
  };
}

/**
 * What a notice names besides the setup: the day the meeting was convened (the log's
 * convening event) and the papers filed for it and not withdrawn.
 */
async function noticeFacts(db: Database, meetingId: string): Promise<NoticeFacts> {
  const [convened] = await db
    .select({ at: schema.meetingEvents.at })
    .from(schema.meetingEvents)
    .where(
      and(
        eq(schema.meetingEvents.meetingId, meetingId),
        eq(schema.meetingEvents.type, 'meeting_convened'),
      ),
    )
    .orderBy(asc(schema.meetingEvents.seq))
    .limit(1);
  const documents = await db
    .select({
      title: schema.documents.title,
      kind: schema.documents.kind,
      agendaItemId: schema.documents.agendaItemId,
      uploadedAt: schema.documents.uploadedAt,
    })
    .from(schema.documents)
    .where(and(eq(schema.documents.meetingId, meetingId), isNull(schema.documents.withdrawnAt)));
  return {
    convenedAt: convened?.at.toISOString() ?? null,
    documents: documents.map((document) => ({
      ...document,
      uploadedAt: document.uploadedAt.toISOString(),
    })),
  };
}

async function paperOf(
  db: Database,
  name: PaperName,
  state: MeetingState,
  facts: SittingFacts,
  minutes: MinutesStore,
): Promise<Paper> {
  if (name === 'notice')
    return noticePaper(state, facts, await noticeFacts(db, state.target.meetingId));
  if (name === 'minutes') {
    // Once submitted, the minutes print as submitted, and only while they still match it.
    const submitted = await submittedMinutes(minutes, state);
    if (submitted.kind === 'altered') throw new HttpError(409, 'minutes_altered');
    const doc =
      submitted.kind === 'intact'
        ? submitted.doc
        : (await minutes.current(state.target.meetingId)).doc;
    return minutesPaper(state, facts, doc);
  }
  if (name === 'attendance') return attendancePaper(state, facts);
  if (name === 'agenda') return agendaPaper(state, facts);
  const poll = state.polls.find((each) => `poll-${each.pollId}` === name);
  if (!poll) throw new HttpError(404, 'not_found');
  if (!poll.result) throw new HttpError(409, 'result_not_ready');
  return pollPaper(state, poll, facts);
}

/**
 * One paper of the sitting from its record as it stands, checked link by link on the way,
 * in the body's layout: a file and the name to save it under.
 */
export async function makePaper(
  db: Database,
  cache: MeetingStateCache,
  minutes: MinutesStore,
  target: MeetingState['target'],
  request: { name: PaperName; format: PaperFormat },
): Promise<PaperFile> {
  const { state, hash } = await cache.head(db, target);
  if (state.status === 'draft') throw new HttpError(409, 'not_convened');
  const facts = await sittingFacts(db, target, { seq: state.seq, hash });
  const paper = await paperOf(db, request.name, state, facts, minutes);
  const file = request.format === 'docx' ? await renderDocx(paper) : await renderPdf(paper);
  return {
    file,
    contentType: CONTENT_TYPES[request.format],
    fileName: `${request.name}-${state.seq}.${request.format}`,
  };
}
