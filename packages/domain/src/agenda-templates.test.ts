import { describe, expect, it } from 'vitest';
import { AGENDA_ITEM_KIND_VALUES } from './agenda-item-kinds.ts';
import { FIRST_MEETING_TEMPLATES } from './agenda-templates.ts';
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
    for (const template of Object.values(FIRST_MEETING_TEMPLATES)) {
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
