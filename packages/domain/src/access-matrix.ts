import type { MeetingAction, ProvinceAction } from './authorization.ts';

/**
 * Who may do what to a meeting of a People's Council in their commune, written out by hand
 * as the contract `can` must keep. The tests try every action as every actor against it, in
 * the domain and through the HTTP API.
 */
export const ACCESS_ACTORS = [
  'nobody',
  'systemAdmin',
  'secretariat',
  'otherSecretariat',
  'delegate',
  'delegateWithoutVote',
  'otherBodyDelegate',
  'presidingOfficer',
  'secretary',
  'guest',
  'follower',
  'otherProvinceFollower',
  'hallDisplay',
  'otherHallDisplay',
  'provinceAdmin',
] as const;

export type AccessActor = (typeof ACCESS_ACTORS)[number];

const setup: readonly AccessActor[] = ['systemAdmin', 'secretariat'];

export const ACCESS_MATRIX: Readonly<Record<MeetingAction, readonly AccessActor[]>> = {
  'body.manage': setup,
  'member.manage': setup,
  'meeting.create': setup,
  'meeting.edit': setup,
  'pairing.manage': setup,
  'audit.read': setup,
  'meeting.view': [
    'systemAdmin',
    'secretariat',
    'delegate',
    'delegateWithoutVote',
    'presidingOfficer',
    'secretary',
    'guest',
    'follower',
    'hallDisplay',
    'provinceAdmin',
  ],
  'meeting.preside': ['presidingOfficer'],
  'meeting.keep_record': ['secretary'],
  'meeting.vote': ['delegate'],
  'meeting.request_floor': ['delegate', 'delegateWithoutVote', 'follower'],
  'meeting.papers': ['systemAdmin', 'secretariat', 'presidingOfficer', 'secretary'],
  'video.monitor': ['systemAdmin', 'secretariat', 'presidingOfficer', 'secretary'],
  'document.read': [
    'systemAdmin',
    'secretariat',
    'delegate',
    'delegateWithoutVote',
    'presidingOfficer',
    'secretary',
  ],
  'document.read_invited': [
    'systemAdmin',
    'secretariat',
    'delegate',
    'delegateWithoutVote',
    'presidingOfficer',
    'secretary',
    'guest',
  ],
  'document.read_public': [
    'systemAdmin',
    'secretariat',
    'delegate',
    'delegateWithoutVote',
    'presidingOfficer',
    'secretary',
    'guest',
    'follower',
    'provinceAdmin',
  ],
};

/** Who may do what at a province (its board, its accounts), written out the same way. */
export const PROVINCE_ACCESS_ACTORS = [
  'nobody',
  'systemAdmin',
  'provinceAdmin',
  'otherProvinceAdmin',
  'provinceFollower',
  'otherProvinceFollower',
  'communeFollower',
  'communeSecretariat',
  'delegate',
] as const;

export type ProvinceAccessActor = (typeof PROVINCE_ACCESS_ACTORS)[number];

export const PROVINCE_ACCESS_MATRIX: Readonly<
  Record<ProvinceAction, readonly ProvinceAccessActor[]>
> = {
  'board.view': ['systemAdmin', 'provinceAdmin', 'provinceFollower'],
  'province.accounts': ['systemAdmin', 'provinceAdmin'],
};
