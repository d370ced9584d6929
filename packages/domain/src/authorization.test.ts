import { describe, expect, it } from 'vitest';
import {
  ACCESS_ACTORS,
  ACCESS_MATRIX,
  PROVINCE_ACCESS_ACTORS,
  PROVINCE_ACCESS_MATRIX,
  type AccessActor,
  type ProvinceAccessActor,
} from './access-matrix.ts';
import { ACTIONS, can, PROVINCE_ACTIONS, type Actor, type Target } from './authorization.ts';

const commune = 'commune-1';
const province = 'province-1';
const council = 'council-1';
const meeting = 'meeting-1';
const target: Target = {
  organisationId: commune,
  provinceId: province,
  bodyId: council,
  meetingId: meeting,
};

const actor = (overrides: Partial<Actor>): Actor => ({
  accountId: 'account',
  personId: null,
  displayName: 'Tài khoản thử',
  role: 'delegate',
  organisationId: null,
  memberships: [],
  meetingRoles: [],
  ...overrides,
});

const actors: Record<AccessActor, Actor | null> = {
  nobody: null,
  systemAdmin: actor({ role: 'system_admin' }),
  secretariat: actor({ role: 'secretariat', organisationId: commune }),
  otherSecretariat: actor({ role: 'secretariat', organisationId: 'commune-2' }),
  delegate: actor({ memberships: [{ bodyId: council, votingRight: true }] }),
  delegateWithoutVote: actor({ memberships: [{ bodyId: council, votingRight: false }] }),
  otherBodyDelegate: actor({ memberships: [{ bodyId: 'committee-1', votingRight: true }] }),
  presidingOfficer: actor({ meetingRoles: [{ meetingId: meeting, role: 'presiding_officer' }] }),
  secretary: actor({ meetingRoles: [{ meetingId: meeting, role: 'secretary' }] }),
  guest: actor({ role: 'guest', organisationId: commune }),
  follower: actor({ role: 'follower', organisationId: province }),
  otherProvinceFollower: actor({ role: 'follower', organisationId: 'province-2' }),
  hallDisplay: actor({ role: 'hall_display', organisationId: commune }),
  otherHallDisplay: actor({ role: 'hall_display', organisationId: 'commune-2' }),
  provinceAdmin: actor({ role: 'province_admin', organisationId: province }),
};

const provinceTarget: Target = { organisationId: province, provinceId: null };

const provinceActors: Record<ProvinceAccessActor, Actor | null> = {
  nobody: null,
  systemAdmin: actors.systemAdmin,
  provinceAdmin: actors.provinceAdmin,
  otherProvinceAdmin: actor({ role: 'province_admin', organisationId: 'province-2' }),
  provinceFollower: actors.follower,
  otherProvinceFollower: actors.otherProvinceFollower,
  communeFollower: actor({ role: 'follower', organisationId: commune }),
  communeSecretariat: actors.secretariat,
  delegate: actors.delegate,
};

describe('can(actor, action, target): the access matrix', () => {
  for (const action of ACTIONS) {
    for (const name of ACCESS_ACTORS) {
      const allowed = ACCESS_MATRIX[action].includes(name);
      it(`${name} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can(actors[name], action, target)).toBe(allowed);
      });
    }
  }

  for (const action of PROVINCE_ACTIONS) {
    for (const name of PROVINCE_ACCESS_ACTORS) {
      const allowed = PROVINCE_ACCESS_MATRIX[action].includes(name);
      it(`${name} ${allowed ? 'may' : 'may not'} ${action} at a province`, () => {
        expect(can(provinceActors[name], action, provinceTarget)).toBe(allowed);
      });
    }
  }

  it('B3: opens no board on a commune, even to the follower or administrator of its province', () => {
    for (const name of ['provinceAdmin', 'follower'] as const) {
      expect(can(actors[name], 'board.view', target)).toBe(false);
      expect(can(actors[name], 'province.accounts', target)).toBe(false);
    }
  });

  it("gives a presiding officer or secretary no power over another meeting's", () => {
    const elsewhere = { ...target, meetingId: 'meeting-2' };
    expect(can(actors.presidingOfficer, 'meeting.preside', elsewhere)).toBe(false);
    expect(can(actors.secretary, 'meeting.keep_record', elsewhere)).toBe(false);
  });

  it('lets a follower of a commune (not only of its province) follow it', () => {
    expect(can(actor({ role: 'follower', organisationId: commune }), 'meeting.view', target)).toBe(
      true,
    );
  });
});
