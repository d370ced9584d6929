import {
  BODY_KIND_VALUES,
  foldVietnamese,
  type BoardAlert,
  type BodyKind,
  type MeetingStatus,
} from '@hopxa/domain';
import type { BoardSitting, BoardSnapshot } from '@hopxa/protocol';

/** What a board screen is narrowed to; 'all' lets everything through. */
export type BoardFilters = {
  readonly bodyKind: BodyKind | 'all';
  readonly status: MeetingStatus | 'all';
  /** One alert, any alert, or no narrowing. */
  readonly alert: BoardAlert | 'any' | 'all';
  /** Part of a commune's name, typed with or without marks (B2). */
  readonly search: string;
};

export const NO_FILTERS: BoardFilters = {
  bodyKind: 'all',
  status: 'all',
  alert: 'all',
  search: '',
};

/** A commune as the search compares it: its name folded once per snapshot, not per key. */
export type IndexedCommune = {
  readonly id: string;
  readonly name: string;
  readonly folded: string;
};

/** One commune's sittings shown together; `name` null: a commune the snapshot did not name. */
export type CommuneRow = {
  readonly id: string;
  readonly name: string | null;
  readonly sittings: readonly BoardSitting[];
};

export type BoardCounts = {
  readonly sittings: number;
  readonly inSession: number;
  readonly withAlerts: number;
};

const collator = new Intl.Collator('vi');

/** The communes in Vietnamese order (Đ after D, as the day's paper lists them), for the search. */
export function indexCommunes(communes: BoardSnapshot['communes']): IndexedCommune[] {
  return communes
    .map(({ id, name }) => ({ id, name, folded: foldVietnamese(name) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** The figures at the top of the board, over the whole day whatever is filtered. */
export function boardCounts(sittings: Iterable<BoardSitting>): BoardCounts {
  let count = 0;
  let inSession = 0;
  let withAlerts = 0;
  for (const sitting of sittings) {
    count += 1;
    if (sitting.status === 'open') inSession += 1;
    if (sitting.alerts.length > 0) withAlerts += 1;
  }
  return { sittings: count, inSession, withAlerts };
}

const BODY_ORDER = new Map(BODY_KIND_VALUES.map((kind, index) => [kind, index]));

/** Within a commune: the bodies in their usual order, then by the time each was to start. */
function bySittingOrder(a: BoardSitting, b: BoardSitting): number {
  return (
    (BODY_ORDER.get(a.bodyKind) ?? 0) - (BODY_ORDER.get(b.bodyKind) ?? 0) ||
    (a.startsAt ?? '').localeCompare(b.startsAt ?? '') ||
    a.meetingId.localeCompare(b.meetingId)
  );
}

function passes(sitting: BoardSitting, filters: BoardFilters): boolean {
  if (filters.bodyKind !== 'all' && sitting.bodyKind !== filters.bodyKind) return false;
  if (filters.status !== 'all' && sitting.status !== filters.status) return false;
  if (filters.alert === 'any') return sitting.alerts.length > 0;
  if (filters.alert !== 'all') return sitting.alerts.includes(filters.alert);
  return true;
}

/**
 * The board's communes in the order given (`indexCommunes`'), each with its sittings that pass
 * the filters. A commune without any is left out, except that a search naming it shows it
 * (with nothing under it) when nothing else narrows the board: the leader looking for one
 * commune learns it has no sitting today rather than nothing at all.
 */
export function communeRows(
  communes: readonly IndexedCommune[],
  sittings: ReadonlyMap<string, BoardSitting>,
  filters: BoardFilters,
): CommuneRow[] {
  const search = foldVietnamese(filters.search);
  const byCommune = new Map<string, BoardSitting[]>();
  for (const sitting of sittings.values()) {
    if (!passes(sitting, filters)) continue;
    const held = byCommune.get(sitting.communeId);
    if (held) held.push(sitting);
    else byCommune.set(sitting.communeId, [sitting]);
  }
  const onlySearch =
    filters.bodyKind === 'all' && filters.status === 'all' && filters.alert === 'all';
  const rows: CommuneRow[] = [];
  for (const commune of communes) {
    const found = byCommune.get(commune.id);
    byCommune.delete(commune.id);
    if (search !== '' && !commune.folded.includes(search)) continue;
    if (found)
      rows.push({ id: commune.id, name: commune.name, sittings: found.sort(bySittingOrder) });
    else if (search !== '' && onlySearch)
      rows.push({ id: commune.id, name: commune.name, sittings: [] });
  }
  // A commune made after the board was read: its sittings still show, under no name.
  if (search === '')
    for (const [id, found] of byCommune)
      rows.push({ id, name: null, sittings: found.sort(bySittingOrder) });
  return rows;
}
