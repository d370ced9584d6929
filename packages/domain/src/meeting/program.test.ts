import { describe, expect, it } from 'vitest';
import type { ConnectionPointSummary } from '../connection-points.ts';
import { programPoint } from './program.ts';
import {
  actor,
  follower,
  member,
  presiding,
  refusal,
  run,
  withPresent,
} from './meeting-test-kit.ts';

const hall: ConnectionPointSummary = { pointId: 'hall', kind: 'hall', name: 'Hội trường' };
const province: ConnectionPointSummary = {
  pointId: 'province',
  kind: 'province',
  name: 'Điểm cầu tỉnh',
};
const otherCommune: ConnectionPointSummary = {
  pointId: 'other',
  kind: 'commune',
  name: 'Điểm cầu xã Hòa Bình',
};
const points = [hall, province, otherCommune];
/** The province's follower account, bound to the province's point in this meeting. */
const provinceFollower = {
  ...follower,
  connectionPoints: [{ meetingId: 'meeting-1', pointId: 'province', name: 'Điểm cầu tỉnh' }],
};

describe('the program', () => {
  it('PG1 PG3 shows the hall until the presiding officer puts another point on it; only a live point of the meeting', () => {
    let state = withPresent(17);
    expect(programPoint(state, points)).toBe('hall');
    state = run(state, { type: 'set_program', pointId: 'other', points }, presiding);
    expect(programPoint(state, points)).toBe('other');
    // The point revoked since: the program falls back to the hall.
    expect(programPoint(state, [hall, province])).toBe('hall');
    expect(programPoint(state, [province])).toBeNull();
    state = run(state, { type: 'set_program', pointId: null, points }, presiding);
    expect(programPoint(state, points)).toBe('hall');
    expect(refusal(state, { type: 'set_program', pointId: 'revoked', points }, presiding)).toBe(
      'unknown_connection_point',
    );
  });

  it('PG1 only the presiding officer chooses the program', () => {
    const state = withPresent(17);
    for (const who of [member(1), provinceFollower, actor({ accountId: 'x', role: 'guest' })])
      expect(refusal(state, { type: 'set_program', pointId: 'province', points }, who)).toBe(
        'forbidden',
      );
  });

  it('PG2 a point given the floor is on the program while it speaks, then the chosen one again', () => {
    let state = withPresent(17);
    state = run(state, { type: 'set_program', pointId: 'other', points }, presiding);
    state = run(state, { type: 'request_floor', requestId: 'p' }, provinceFollower);
    expect(state.queue[0]?.speaker).toMatchObject({
      kind: 'connection_point',
      name: 'Điểm cầu tỉnh',
      pointId: 'province',
    });
    expect(programPoint(state, points)).toBe('other');
    state = run(state, { type: 'grant_floor', requestId: 'p', limitSeconds: 300 }, presiding);
    expect(programPoint(state, points)).toBe('province');
    state = run(state, { type: 'end_floor' }, presiding);
    expect(programPoint(state, points)).toBe('other');
    // A member in the hall given the floor: the program stays where it was.
    state = run(state, { type: 'request_floor', requestId: 'm' }, member(2));
    state = run(state, { type: 'grant_floor', requestId: 'm', limitSeconds: 300 }, presiding);
    expect(programPoint(state, points)).toBe('other');
  });

  it('PG2 a follower bound to no point of this meeting speaks under its own name, and the program does not move', () => {
    let state = withPresent(17);
    state = run(state, { type: 'request_floor', requestId: 'f' }, follower);
    state = run(state, { type: 'grant_floor', requestId: 'f', limitSeconds: 60 }, presiding);
    expect(state.speaking?.speaker).toMatchObject({ kind: 'connection_point', pointId: null });
    expect(programPoint(state, points)).toBe('hall');
  });
});
