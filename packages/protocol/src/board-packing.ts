import type { BoardAlert, BodyKind, MeetingStatus, PollOutcome } from '@hopxa/domain';
import type { BoardSitting, BoardSnapshot } from './board.schema.ts';

/**
 * A board's sittings column by column, each commune by its place in the snapshot's list and
 * each title once (`texts`): a province's sittings follow the same agendas, so 700 of them
 * repeat the same few dozen titles, and a late joiner's snapshot stays small (under 150 KB
 * for 700 sittings) while still plain JSON.
 */
export type PackedSittings = {
  readonly texts: readonly string[];
  readonly meetingId: readonly string[];
  /** The sitting's commune, as an index into the snapshot's `communes`. */
  readonly commune: readonly number[];
  readonly bodyKind: readonly BodyKind[];
  readonly startsAt: readonly (string | null)[];
  readonly seq: readonly number[];
  readonly status: readonly MeetingStatus[];
  readonly present: readonly number[];
  readonly inOffice: readonly number[];
  readonly quorumReached: readonly boolean[];
  /** Indexes into `texts`. */
  readonly currentItem: readonly (number | null)[];
  readonly openPoll: readonly (number | null)[];
  /** The title's index into `texts`, and the outcome. */
  readonly lastResult: readonly (readonly [number, PollOutcome] | null)[];
  readonly pointsDown: readonly number[];
  readonly alerts: readonly (readonly BoardAlert[])[];
};

/** `board:join`'s answer as sent: the snapshot with its sittings packed. */
export type PackedBoardSnapshot = Omit<BoardSnapshot, 'sittings'> & {
  readonly sittings: PackedSittings;
};

/** Packs a snapshot; every sitting's commune must be in its `communes`. */
export function packBoardSnapshot(snapshot: BoardSnapshot): PackedBoardSnapshot {
  const { sittings, ...rest } = snapshot;
  const communeAt = new Map(snapshot.communes.map((commune, index) => [commune.id, index]));
  const texts: string[] = [];
  const textAt = new Map<string, number>();
  const text = (value: string | null): number | null => {
    if (value === null) return null;
    let index = textAt.get(value);
    if (index === undefined) {
      index = texts.push(value) - 1;
      textAt.set(value, index);
    }
    return index;
  };
  const column = <T>(pick: (sitting: BoardSitting) => T): T[] => sittings.map(pick);
  return {
    ...rest,
    sittings: {
      meetingId: column((sitting) => sitting.meetingId),
      commune: column((sitting) => {
        const index = communeAt.get(sitting.communeId);
        if (index === undefined) throw new Error(`commune ${sitting.communeId} is not listed`);
        return index;
      }),
      bodyKind: column((sitting) => sitting.bodyKind),
      startsAt: column((sitting) => sitting.startsAt),
      seq: column((sitting) => sitting.seq),
      status: column((sitting) => sitting.status),
      present: column((sitting) => sitting.present),
      inOffice: column((sitting) => sitting.inOffice),
      quorumReached: column((sitting) => sitting.quorumReached),
      currentItem: column((sitting) => text(sitting.currentItem)),
      openPoll: column((sitting) => text(sitting.openPoll)),
      lastResult: column((sitting) =>
        sitting.lastResult
          ? ([text(sitting.lastResult.title) ?? 0, sitting.lastResult.outcome] as const)
          : null,
      ),
      pointsDown: column((sitting) => sitting.pointsDown),
      alerts: column((sitting) => sitting.alerts),
      texts,
    },
  };
}

/** The snapshot as a screen uses it, one object per sitting. */
export function unpackBoardSnapshot(packed: PackedBoardSnapshot): BoardSnapshot {
  const { sittings: columns, ...rest } = packed;
  const text = (index: number | null | undefined) =>
    index === null || index === undefined ? null : (columns.texts[index] ?? null);
  return {
    ...rest,
    sittings: columns.meetingId.map((meetingId, row): BoardSitting => {
      const lastResult = columns.lastResult[row] ?? null;
      return {
        meetingId,
        communeId: packed.communes[columns.commune[row] ?? -1]?.id ?? '',
        bodyKind: columns.bodyKind[row] ?? 'peoples_council',
        startsAt: columns.startsAt[row] ?? null,
        seq: columns.seq[row] ?? 0,
        status: columns.status[row] ?? 'convened',
        present: columns.present[row] ?? 0,
        inOffice: columns.inOffice[row] ?? 0,
        quorumReached: columns.quorumReached[row] ?? false,
        currentItem: text(columns.currentItem[row]),
        openPoll: text(columns.openPoll[row]),
        lastResult: lastResult && { title: text(lastResult[0]) ?? '', outcome: lastResult[1] },
        pointsDown: columns.pointsDown[row] ?? 0,
        alerts: columns.alerts[row] ?? [],
      };
    }),
  };
}
