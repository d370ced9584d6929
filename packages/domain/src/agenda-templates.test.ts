import { describe, expect, it } from 'vitest';
import { AGENDA_ITEM_KIND_VALUES } from './agenda-item-kinds.ts';
import {
  FIRST_MEETING_TEMPLATES,
  MEETING_TEMPLATE_KINDS,
  meetingTemplate,
  meetingTitle,
} from './agenda-templates.ts';
import { BODY_KIND_VALUES } from './body-kinds.ts';

describe('first-meeting agenda templates', () => {
  it.each(BODY_KIND_VALUES)(
    '%s has one, with a cited source, opening first and closing last',
    (kind) => {
      const template = FIRST_MEETING_TEMPLATES[kind];
      expect(template.source).not.toBe('');
      expect(template.items[0]?.title.vi).toBe('Khai mạc');
      expect(template.items.at(-1)?.title.vi).toMatch(/^Bế mạc|^Kết luận/);
    },
  );

  it('nest one level at most, with known kinds and durations in whole minutes', () => {
    const every = BODY_KIND_VALUES.flatMap((kind) =>
      MEETING_TEMPLATE_KINDS.map((template) => meetingTemplate(kind, template)),
    );
    for (const template of every) {
      for (const item of template.items) {
        for (const line of [item, ...(item.children ?? [])]) {
          expect(AGENDA_ITEM_KIND_VALUES).toContain(line.kind);
          expect(Number.isInteger(line.durationMinutes) && line.durationMinutes > 0).toBe(true);
          expect(line.title.vi).not.toBe('');
          expect(line.title.en).not.toBe('');
        }
        for (const child of item.children ?? []) expect(child.children).toBeUndefined();
        // A heading's time is the sum of its lines', so the agenda's total adds up.
        if (item.children) {
          expect(item.durationMinutes).toBe(
            item.children.reduce((sum, child) => sum + child.durationMinutes, 0),
          );
        }
      }
    }
  });

  it("gives the People's Council the order of Hướng dẫn 883: opening, credentials, elections, resolutions, closing", () => {
    const council = FIRST_MEETING_TEMPLATES.peoples_council;
    expect(council.source).toContain('883/HD-UBTVQH14');
    const business = council.items[1]?.children ?? [];
    expect(business.map((item) => item.kind)).toEqual([
      'report',
      'report',
      'election',
      'election',
      'report',
      'resolution',
      'resolution',
    ]);
    expect(council.items[0]?.children?.at(-1)?.title.vi).toBe('Biểu quyết thông qua chương trình');
  });
});

describe('the meetings a body holds after the first', () => {
  it.each(BODY_KIND_VALUES)(
    '%s has a regular, a thematic and an extraordinary agenda, each opening first and closing last',
    (kind) => {
      for (const template of ['regular', 'thematic', 'extraordinary'] as const) {
        const agenda = meetingTemplate(kind, template);
        expect(agenda.source).not.toBe('');
        expect(agenda.items[0]?.title.vi).toBe('Khai mạc');
        expect(agenda.items.at(-1)?.title.vi).toMatch(/^Bế mạc|^Kết luận/);
        expect(
          agenda.items.flatMap((item) => [item, ...(item.children ?? [])]).map((item) => item.kind),
        ).toContain('resolution');
      }
      expect(meetingTemplate(kind, 'first')).toBe(FIRST_MEETING_TEMPLATES[kind]);
    },
  );

  it('an extraordinary meeting states first why it was called out of turn', () => {
    const business = meetingTemplate('peoples_council', 'extraordinary').items[1]?.children;
    expect(business?.[0]?.title.vi).toBe('Tuyên bố lý do triệu tập bất thường');
  });

  it('W1 each meeting gets its own number and title, in the body’s own words', () => {
    expect(meetingTitle('peoples_council', 'first', 1)).toBe('Kỳ họp thứ nhất');
    expect(meetingTitle('peoples_council', 'regular', 2)).toBe('Kỳ họp thứ hai');
    expect(meetingTitle('peoples_council', 'thematic', 4)).toBe('Kỳ họp thứ tư (chuyên đề)');
    expect(meetingTitle('peoples_council', 'extraordinary', 11)).toBe('Kỳ họp thứ 11 (bất thường)');
    expect(meetingTitle('peoples_committee', 'regular', 3)).toBe('Phiên họp thứ ba');
    expect(meetingTitle('party_executive_committee', 'regular', 5)).toBe('Hội nghị lần thứ năm');
    expect(meetingTitle('fatherland_front_committee', 'thematic', 2)).toBe(
      'Hội nghị lần thứ hai (chuyên đề)',
    );
  });
});
