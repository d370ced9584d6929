import {
  attendanceCounts,
  BODY_KIND_NAMES,
  compareVietnameseNames,
  isSecret,
  type MeetingEvent,
  type MeetingState,
  type PollState,
} from '@hopxa/domain';
import type { SittingFacts } from './sitting-papers.ts';
import { clockWords, closingWords, OUTCOME_WORDS, percentWords } from './words.ts';

/**
 * A block of the minutes written from the record: `source` says what in the record it comes
 * from (and is how it is found again to be refreshed); `text` is what the minutes say.
 */
export type ProceedingsBlock = { readonly source: string; readonly text: string };

function pollText(state: MeetingState, poll: PollState): string {
  const result = poll.result;
  const head = `Biểu quyết “${poll.title}”`;
  if (poll.annulment) return `${head}: đã hủy. Lý do: ${poll.annulment.reason}.`;
  if (!result) return `${head}: đang biểu quyết.`;
  const labels = state.rules.voteLabels;
  const base = `tổng số ${result.membersInOffice}`;
  const counts =
    poll.kind === 'election'
      ? result.candidates
          .map(
            (candidate) =>
              `${candidate.name} ${candidate.votes} phiếu (${percentWords(candidate.shareOfTotalBp)})${candidate.elected ? ', trúng cử' : ''}`,
          )
          .join('; ')
      : [
          `${labels.inFavour} ${result.tally.inFavour} (${percentWords(result.tallyShareBp.inFavour)})`,
          `${labels.against} ${result.tally.against} (${percentWords(result.tallyShareBp.against)})`,
          `${labels.notVoting} ${result.tally.notVoting + result.didNotVote}`,
        ].join('; ');
  const ballots = isSecret(poll.kind)
    ? ` Phiếu phát ra ${result.issued}, thu về ${result.returned}, hợp lệ ${result.valid}, không hợp lệ ${result.invalid}${poll.kind === 'election' ? `, phiếu trắng ${result.blank}` : ''}.`
    : '';
  return `${head} (${base}): ${counts}.${ballots} Kết quả: ${OUTCOME_WORDS[result.outcome].toLocaleLowerCase('vi-VN')}.`;
}

/** The events that can change what `proceedingsOf` gives: the others leave the minutes be. */
export const PROCEEDINGS_EVENTS: ReadonlySet<MeetingEvent['type']> = new Set([
  'sitting_opened',
  'agenda_item_started',
  'attendance_recorded',
  'poll_opened',
  'poll_closed',
  'poll_annulled',
  'designation_announced',
  'floor_ended',
  'sitting_closed',
]);

/** A block that heads the proceedings of an agenda item: the minutes print it as a heading. */
export const isItemHeading = (source: string) => source.startsWith('item:');

/**
 * The proceedings of a sitting as the minutes record them, from its state: the opening, the
 * roll call (online members by their connection point), then in the order they happened each
 * agenda item taken up (a heading), each poll's result and each designation, then the
 * speakers in order and the closing. Written into the minutes by the server, never typed; a
 * block's text changes while its source does.
 */
export function proceedingsOf(
  state: MeetingState,
  facts: Pick<SittingFacts, 'bodyKind' | 'place' | 'presiding' | 'secretaries'>,
): ProceedingsBlock[] {
  if (!state.openedAt) return [];
  const members = BODY_KIND_NAMES[facts.bodyKind].members.vi;
  const counts = attendanceCounts(state);
  const absent = state.roster
    .filter((member) => {
      const status = state.attendance[member.personId]?.status;
      return status === 'absent_excused' || status === 'absent_unexcused';
    })
    .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName))
    .map((member) => {
      const record = state.attendance[member.personId];
      return record?.reason ? `${member.fullName} (${record.reason})` : member.fullName;
    });
  const online = state.roster
    .filter((member) => state.attendance[member.personId]?.status === 'present_online')
    .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName))
    .map((member) => {
      const point = state.attendance[member.personId]?.connectionPoint;
      return point ? `${member.fullName} (${point})` : member.fullName;
    });
  // Items, polls and designations in the order they happened; an item before what it holds.
  const happened = [
    ...state.agenda.flatMap((item) =>
      item.startedAt
        ? [{ at: item.startedAt, order: 0, source: `item:${item.id}`, text: item.title }]
        : [],
    ),
    ...state.polls.map((poll) => ({
      at: poll.openedAt,
      order: 1,
      source: `poll:${poll.pollId}`,
      text: pollText(state, poll),
    })),
    ...state.designations.map((designation, index) => ({
      at: designation.at,
      order: 1,
      source: `designation:${index}`,
      text: `Chỉ định ${designation.personName} giữ chức ${designation.post} (${designation.decision}).`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);
  const blocks: ProceedingsBlock[] = [
    {
      source: 'opening',
      text: `Khai mạc lúc ${clockWords(state.openedAt)}${facts.place ? ` tại ${facts.place}` : ''}. Chủ tọa: ${facts.presiding}. Thư ký: ${facts.secretaries.join(', ')}.`,
    },
    {
      source: 'attendance',
      text: `Tổng số ${members}: ${state.roster.length}. Có mặt ${counts.present_in_hall + counts.present_online} (tại hội trường ${counts.present_in_hall}, trực tuyến ${counts.present_online}${online.length > 0 ? `: ${online.join(', ')}` : ''}); vắng có lý do ${counts.absent_excused}, vắng không có lý do ${counts.absent_unexcused}${absent.length > 0 ? `: ${absent.join(', ')}` : ''}.`,
    },
    ...happened.map(({ source, text }) => ({ source, text })),
  ];
  if (state.speeches.length > 0)
    blocks.push({
      source: 'speakers',
      text: `Phát biểu: ${state.speeches.map((speech) => `${speech.speaker.name} (${clockWords(speech.startedAt)}–${clockWords(speech.endedAt)})`).join('; ')}.`,
    });
  if (state.closedAt) blocks.push({ source: 'closing', text: closingWords(state.closedAt) });
  return blocks;
}
