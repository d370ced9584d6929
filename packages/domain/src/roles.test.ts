import { describe, expect, it } from 'vitest';
import { BODY_KIND_VALUES } from './body-kinds.ts';
import { BODY_POSITIONS, positionName } from './roles.ts';

describe('the seats of each body, in its own words', () => {
  it('W1 a Party committee’s chair is its Secretary, its seats the Party’s own', () => {
    expect(BODY_POSITIONS.party_executive_committee.map((seat) => seat.name.vi)).toEqual([
      'Bí thư',
      'Phó Bí thư',
      'Ủy viên Ban Thường vụ',
      'Ủy viên Ban Chấp hành',
    ]);
    expect(positionName('party_executive_committee', 'chair').vi).toBe('Bí thư');
    expect(positionName('peoples_council', 'delegate').vi).toBe('Đại biểu');
    expect(positionName('peoples_committee', 'member').vi).toBe('Ủy viên Ủy ban nhân dân');
  });

  it.each(BODY_KIND_VALUES)('W1 %s names a chair first, in both languages', (kind) => {
    const [chair] = BODY_POSITIONS[kind];
    expect(chair?.position).toBe('chair');
    for (const seat of BODY_POSITIONS[kind]) {
      expect(seat.name.vi).not.toBe('');
      expect(seat.name.en).not.toBe('');
    }
  });

  it('a seat a body does not list keeps its general name', () => {
    expect(positionName('peoples_council', 'standing_member').vi).toBe('Ủy viên thường trực');
  });
});
