// The words of every screen: each test names the rule of packages/domain/SPEC.md it proves.
import { BODY_KIND_NAMES, thresholdWords } from '@hopxa/domain';
import { describe, expect, it } from 'vitest';
import { en } from './messages.en.ts';
import { vi, type Messages } from './messages.vi.ts';

const MORE_THAN_HALF = { comparison: 'more_than', numerator: 1, denominator: 2 } as const;

/** Every sentence of a language, builders called with sample values (as text: words and counts alike). */
function sentences(messages: Messages): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') found.push(value);
    else if (typeof value === 'function')
      found.push(String((value as (...args: unknown[]) => string)('2', '3', 'x', 'y', '5')));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(messages);
  return found;
}

describe('W1 thresholds and people in each body’s own words', () => {
  it('W1 no Vietnamese sentence speaks of seats (ghế)', () => {
    expect(sentences(vi).filter((sentence) => /ghế/i.test(sentence))).toEqual([]);
  });

  it('W1 a motion needs more than half of the total number of the body’s own people, in its order', () => {
    const words = thresholdWords(MORE_THAN_HALF);
    const council = BODY_KIND_NAMES.peoples_council.members;
    expect(vi.polls.required(words.vi, 30, council.vi, 'Tán thành', 16)).toBe(
      'Cần quá nửa tổng số 30 đại biểu Hội đồng nhân dân biểu quyết “Tán thành”: ít nhất 16.',
    );
    expect(en.polls.required(words.en, 30, council.en, 'In favour', 16)).toBe(
      "Needs more than half of the total number of People's Council delegates (30) to vote “In favour”: at least 16.",
    );
    const committee = BODY_KIND_NAMES.peoples_committee.members;
    expect(vi.polls.required(words.vi, 9, committee.vi, 'Tán thành', 5)).toBe(
      'Cần quá nửa tổng số 9 thành viên Ủy ban nhân dân biểu quyết “Tán thành”: ít nhất 5.',
    );
  });

  it('W1 an election is won with more than half of the total number of delegates, never of the ballots', () => {
    const words = thresholdWords(MORE_THAN_HALF);
    const council = BODY_KIND_NAMES.peoples_council.members;
    const sentence = vi.polls.requiredToBeElected(words.vi, 30, council.vi, 16);
    expect(sentence).toBe(
      'Trúng cử khi được quá nửa tổng số 30 đại biểu Hội đồng nhân dân bầu: ít nhất 16 phiếu.',
    );
    expect(sentence).not.toMatch(/tổng số phiếu/);
    expect(en.polls.requiredToBeElected(words.en, 30, council.en, 16)).toBe(
      "Elected with the votes of more than half of the total number of People's Council delegates (30): at least 16.",
    );
  });

  it('W1 a count of people uses the body’s word for them', () => {
    expect(vi.polls.members(3, BODY_KIND_NAMES.peoples_committee.member.vi)).toBe('3 thành viên');
    expect(vi.polls.members(3, BODY_KIND_NAMES.party_executive_committee.member.vi)).toBe(
      '3 ủy viên',
    );
    expect(en.polls.members(1, BODY_KIND_NAMES.peoples_council.member.en)).toBe('1 delegate');
  });

  it('W1 a sitting opens and closes in the body’s own word for its meetings', () => {
    const word = (kind: keyof typeof BODY_KIND_NAMES, language: 'vi' | 'en') =>
      BODY_KIND_NAMES[kind].meeting[language].toLowerCase();
    expect(vi.sitting.open(word('peoples_council', 'vi'))).toBe('Khai mạc kỳ họp');
    expect(vi.sitting.close(word('peoples_committee', 'vi'))).toBe('Bế mạc phiên họp');
    expect(vi.sitting.closed(word('party_executive_committee', 'vi'))).toBe('Hội nghị đã bế mạc.');
    expect(vi.sitting.closed(word('fatherland_front_committee', 'vi'))).toBe('Hội nghị đã bế mạc.');
    expect(en.sitting.open(word('peoples_council', 'en'))).toBe('Open the session');
  });

  it('W1 the province board tells where each sitting stands in its body’s own word for it', () => {
    const word = (kind: keyof typeof BODY_KIND_NAMES, language: 'vi' | 'en') =>
      BODY_KIND_NAMES[kind].meeting[language].toLowerCase();
    expect(vi.board.sittingStatus.convened(word('peoples_council', 'vi'))).toBe(
      'Kỳ họp chưa khai mạc',
    );
    expect(vi.board.sittingStatus.open(word('peoples_committee', 'vi'))).toBe(
      'Phiên họp đang diễn ra',
    );
    expect(vi.board.sittingStatus.closed(word('fatherland_front_committee', 'vi'))).toBe(
      'Hội nghị đã bế mạc',
    );
    expect(en.board.sittingStatus.open(word('party_executive_committee', 'en'))).toBe(
      'Plenary in progress',
    );
    expect(vi.board.present(4, 5, BODY_KIND_NAMES.peoples_council.member.vi)).toBe(
      'Có mặt 4/5 đại biểu',
    );
  });
});
