import type { AccountRole, MeetingRole } from './roles.ts';

/**
 * Who is asking, as far as permissions go: the account's role and reach, the bodies the
 * person sits in, and the roles they hold in particular meetings.
 */
export type Actor = {
  readonly accountId: string;
  readonly role: AccountRole;
  /** The person behind the account (a delegate's own seat); null for staff-only accounts. */
  readonly personId: string | null;
  /** How the account is named on screens, e.g. a connection point asking for the floor. */
  readonly displayName: string;
  /** The commune of a secretariat or guest; the province or commune a follower follows. */
  readonly organisationId: string | null;
  readonly memberships: readonly { readonly bodyId: string; readonly votingRight: boolean }[];
  readonly meetingRoles: readonly { readonly meetingId: string; readonly role: MeetingRole }[];
  /** The connection points a follower account is bound to, a meeting's each; none if absent. */
  readonly connectionPoints?: readonly {
    readonly meetingId: string;
    readonly pointId: string;
    readonly name: string;
  }[];
};

/**
 * What is acted upon: a commune (with its province), often a body or meeting of it; or, for
 * the province's own actions (PROVINCE_ACTIONS), the province itself, with no province above.
 */
export type Target = {
  readonly organisationId: string;
  readonly provinceId: string | null;
  readonly bodyId?: string;
  readonly meetingId?: string;
};

/**
 * Every action a permission is asked for. Setup actions belong to the commune's
 * secretariat; meeting actions to the roles a meeting gives.
 */
export const ACTIONS = [
  'body.manage',
  'member.manage',
  'meeting.create',
  'meeting.edit',
  'pairing.manage',
  'audit.read',
  'meeting.view',
  'meeting.preside',
  'meeting.keep_record',
  'meeting.vote',
  'meeting.request_floor',
  'meeting.papers',
  'video.monitor',
  'document.read',
  'document.read_invited',
  'document.read_public',
] as const;

/**
 * What is done at a province, over every commune below it: its board of the day's sittings
 * (B3), and the accounts of the province's own people, which its administrator keeps.
 */
export const PROVINCE_ACTIONS = ['board.view', 'province.accounts'] as const;

/** What is done to a commune, its bodies and meetings. */
export type MeetingAction = (typeof ACTIONS)[number];
export type ProvinceAction = (typeof PROVINCE_ACTIONS)[number];
export type Action = MeetingAction | ProvinceAction;

/**
 * Answers whether `actor` may do `action` on `target`; HTTP routes and Socket.IO handlers
 * all ask here, so a rule is written once.
 *
 * @example
 * can(secretariatOfSongCong, 'meeting.create', { organisationId: songCong, provinceId: thaiNguyen, bodyId })
 * // true; false for the secretariat of another commune
 */
export function can(actor: Actor | null, action: Action, target: Target): boolean {
  if (actor === null) return false;
  const isAdmin = actor.role === 'system_admin';
  const isOwnSecretariat =
    actor.role === 'secretariat' && actor.organisationId === target.organisationId;
  const holds = (role: MeetingRole) =>
    target.meetingId !== undefined &&
    actor.meetingRoles.some((held) => held.meetingId === target.meetingId && held.role === role);
  const membership =
    target.bodyId === undefined
      ? undefined
      : actor.memberships.find((held) => held.bodyId === target.bodyId);
  const inProvince = actor.organisationId !== null && actor.organisationId === target.provinceId;
  const follows =
    actor.role === 'follower' && (actor.organisationId === target.organisationId || inProvince);
  // A province's administrator reads what its followers read of every commune below it.
  const isProvinceAdmin = actor.role === 'province_admin' && inProvince;
  // The target is a province (no province above it) and the actor's own.
  const atOwnProvince =
    target.provinceId === null && actor.organisationId === target.organisationId;
  const isOwnGuest = actor.role === 'guest' && actor.organisationId === target.organisationId;
  // A paired hall display shows its own commune's meetings and can do nothing else.
  const isOwnDisplay =
    actor.role === 'hall_display' && actor.organisationId === target.organisationId;

  switch (action) {
    case 'body.manage':
    case 'member.manage':
    case 'meeting.create':
    case 'meeting.edit':
    case 'pairing.manage':
    case 'audit.read':
      return isAdmin || isOwnSecretariat;
    case 'meeting.view':
      return (
        isAdmin ||
        isOwnSecretariat ||
        isOwnGuest ||
        isOwnDisplay ||
        follows ||
        isProvinceAdmin ||
        membership !== undefined ||
        holds('presiding_officer') ||
        holds('secretary')
      );
    case 'meeting.preside':
      return holds('presiding_officer');
    case 'meeting.keep_record':
      return holds('secretary');
    case 'meeting.vote':
      return membership?.votingRight === true;
    case 'meeting.request_floor':
      return membership !== undefined || follows;
    // The sitting's papers are the secretariat's to file, the secretaries' to keep (the
    // minutes among them) and the presiding officer's to sign.
    case 'meeting.papers':
      return isAdmin || isOwnSecretariat || holds('presiding_officer') || holds('secretary');
    // How each connection point's link is doing: for whoever runs the sitting and its
    // technician (the secretariat), not for every viewer.
    case 'video.monitor':
      return isAdmin || isOwnSecretariat || holds('presiding_officer') || holds('secretary');
    // A paper filed for the members, for the invited guests too, or public to followers
    // (`documentReadAction`); whoever runs the sitting reads them all.
    case 'document.read':
    case 'document.read_invited':
    case 'document.read_public': {
      const runsOrSits =
        isAdmin ||
        isOwnSecretariat ||
        membership !== undefined ||
        holds('presiding_officer') ||
        holds('secretary');
      if (action === 'document.read') return runsOrSits;
      if (action === 'document.read_invited') return runsOrSits || isOwnGuest;
      return runsOrSits || isOwnGuest || follows || isProvinceAdmin;
    }
    // The board is the province's: its followers and its administrator see every commune
    // below it; nobody of a commune, another province or a commune's follower sees one.
    case 'board.view':
      return (
        isAdmin || (atOwnProvince && (actor.role === 'follower' || actor.role === 'province_admin'))
      );
    case 'province.accounts':
      return isAdmin || (atOwnProvince && actor.role === 'province_admin');
    default:
      return unreachable(action);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled action ${String(value)}`);
}
