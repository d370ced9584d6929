import { describe, expect, it } from 'vitest';
import type { MinutesFacts } from './minutes-sign-off.ts';
import { member, presiding, refusal, run, secretary, withPresent } from './meeting-test-kit.ts';

const stored = (version: number, sha256 = 'a'.repeat(64)): MinutesFacts => ({
  version,
  sha256,
  logSeq: 20,
  logHash: 'f'.repeat(64),
});

/** A sitting of 17 present, opened and closed: its minutes still being written. */
const closedSitting = () => run(withPresent(17), { type: 'close_sitting' }, presiding);

describe('the minutes signed off', () => {
  it('M1 are submitted by a secretary after the close, as stored at the version the secretary read', () => {
    const open = withPresent(17);
    const submit = { type: 'submit_minutes', version: 12, minutes: stored(12) } as const;
    expect(refusal(open, submit, secretary)).toBe('sitting_still_open');
    const closed = closedSitting();
    expect(refusal(closed, submit, member(3))).toBe('forbidden');
    expect(refusal(closed, submit, presiding)).toBe('forbidden');
    // A step stored since the secretary's screen last heard: read it first.
    expect(refusal(closed, { ...submit, minutes: stored(13) }, secretary)).toBe('minutes_changed');
    const submitted = run(closed, submit, secretary);
    expect(submitted.minutes).toMatchObject({
      status: 'submitted',
      submission: { version: 12, sha256: 'a'.repeat(64), logSeq: 20, submittedBy: 'Tài khoản' },
    });
    expect(refusal(submitted, submit, secretary)).toBe('minutes_already_submitted');
  });

  it('M3 are approved by the presiding officer exactly as submitted, or returned with a reason to be written again', () => {
    const submitted = run(
      closedSitting(),
      { type: 'submit_minutes', version: 12, minutes: stored(12) },
      secretary,
    );
    const approve = {
      type: 'approve_minutes',
      sha256: 'a'.repeat(64),
      minutes: stored(12),
    } as const;
    expect(refusal(submitted, approve, secretary)).toBe('forbidden');
    // The screen showed another document, or the stored one is no longer the one submitted.
    expect(refusal(submitted, { ...approve, sha256: 'b'.repeat(64) }, presiding)).toBe(
      'minutes_changed',
    );
    expect(refusal(submitted, { ...approve, minutes: stored(13, 'c'.repeat(64)) }, presiding)).toBe(
      'minutes_changed',
    );
    const returned = run(submitted, { type: 'return_minutes', reason: 'Thiếu ý kiến' }, presiding);
    expect(returned.minutes).toMatchObject({
      status: 'writing',
      submission: null,
      returned: { reason: 'Thiếu ý kiến' },
    });
    expect(refusal(returned, approve, presiding)).toBe('minutes_not_submitted');
    expect(refusal(returned, { type: 'return_minutes', reason: 'x' }, presiding)).toBe(
      'minutes_not_submitted',
    );
    const again = run(
      returned,
      { type: 'submit_minutes', version: 15, minutes: stored(15, 'd'.repeat(64)) },
      secretary,
    );
    expect(again.minutes.returned).toBeNull();
    const approved = run(
      again,
      { type: 'approve_minutes', sha256: 'd'.repeat(64), minutes: stored(15, 'd'.repeat(64)) },
      presiding,
    );
    expect(approved.minutes).toMatchObject({
      status: 'approved',
      approval: { approvedBy: 'Tài khoản' },
      submission: { sha256: 'd'.repeat(64) },
    });
    expect(refusal(approved, approve, presiding)).toBe('minutes_not_submitted');
    expect(
      refusal(approved, { type: 'submit_minutes', version: 15, minutes: stored(15) }, secretary),
    ).toBe('minutes_already_submitted');
  });

  it('M4 once approved are corrected only by an addendum, one at a time, with its own sign-off', () => {
    const head = { logSeq: 24, logHash: 'e'.repeat(64) };
    const addendum = {
      type: 'submit_addendum',
      addendumId: 'addendum-1',
      text: 'Đính chính: ý kiến của đại biểu 3 là “nhất trí”.',
      sha256: '1'.repeat(64),
      head,
    } as const;
    const submitted = run(
      closedSitting(),
      { type: 'submit_minutes', version: 12, minutes: stored(12) },
      secretary,
    );
    expect(refusal(submitted, addendum, secretary)).toBe('minutes_not_approved');
    const approved = run(
      submitted,
      { type: 'approve_minutes', sha256: 'a'.repeat(64), minutes: stored(12) },
      presiding,
    );
    expect(refusal(approved, addendum, presiding)).toBe('forbidden');
    const pending = run(approved, addendum, secretary);
    expect(pending.minutes.addenda).toMatchObject([
      { addendumId: 'addendum-1', approvedAt: null, logSeq: 24, sha256: '1'.repeat(64) },
    ]);
    expect(refusal(pending, { ...addendum, addendumId: 'addendum-2' }, secretary)).toBe(
      'minutes_already_submitted',
    );
    expect(
      refusal(pending, { type: 'approve_addendum', addendumId: 'addendum-2' }, presiding),
    ).toBe('minutes_not_submitted');
    // Returned, the addendum is gone and the approved minutes stay as they were.
    const returned = run(pending, { type: 'return_minutes', reason: 'Viết rõ hơn' }, presiding);
    expect(returned.minutes).toMatchObject({ status: 'approved', addenda: [] });
    expect(refusal(returned, addendum, secretary)).toBe('accepted');
    const signed = run(
      run(returned, { ...addendum, addendumId: 'addendum-2' }, secretary),
      { type: 'approve_addendum', addendumId: 'addendum-2' },
      presiding,
    );
    expect(signed.minutes.addenda).toMatchObject([
      { addendumId: 'addendum-2', approvedBy: 'Tài khoản' },
    ]);
    expect(signed.minutes.status).toBe('approved');
    // An id used once names that addendum only.
    expect(refusal(signed, { ...addendum, addendumId: 'addendum-2' }, secretary)).toBe(
      'minutes_already_submitted',
    );
  });
});
