/** The agenda as the order endpoint and the reorder command take it: ids only, nested one level. */
export type AgendaOrder = { id: string; children: string[] }[];

/** Any agenda nested one level: the setup's, or a sitting's made nested by `nestedOf`. */
type Agenda = readonly {
  readonly id: string;
  readonly children: readonly { readonly id: string }[];
}[];

/** A sitting's flat agenda (each item naming its parent) as nested lines. */
export function nestedOf(
  items: readonly { readonly id: string; readonly parentId: string | null }[],
): Agenda {
  return items
    .filter((item) => item.parentId === null)
    .map((item) => ({
      id: item.id,
      children: items.filter((child) => child.parentId === item.id),
    }));
}

export function orderOf(agenda: Agenda): AgendaOrder {
  return agenda.map((item) => ({ id: item.id, children: item.children.map((child) => child.id) }));
}

function swap<T>(list: T[], index: number, other: number): T[] {
  const copy = [...list];
  const a = copy[index];
  const b = copy[other];
  if (a === undefined || b === undefined) return list;
  copy[index] = b;
  copy[other] = a;
  return copy;
}

/** Moves an item one place up (-1) or down (+1) among its siblings. */
export function move(agenda: Agenda, id: string, step: -1 | 1): AgendaOrder {
  const order = orderOf(agenda);
  const top = order.findIndex((item) => item.id === id);
  if (top >= 0) return swap(order, top, top + step);
  return order.map((item) => {
    const index = item.children.indexOf(id);
    return index < 0 ? item : { ...item, children: swap(item.children, index, index + step) };
  });
}

/** Puts a top-level item (without children) last under the item above it. */
export function indent(agenda: Agenda, id: string): AgendaOrder {
  const order = orderOf(agenda);
  const index = order.findIndex((item) => item.id === id);
  const above = order[index - 1];
  if (index <= 0 || !above || (order[index]?.children.length ?? 0) > 0) return order;
  return order
    .filter((item) => item.id !== id)
    .map((item) => (item.id === above.id ? { ...item, children: [...item.children, id] } : item));
}

/** Lifts a child to the top level, right after its heading. */
export function outdent(agenda: Agenda, id: string): AgendaOrder {
  const order = orderOf(agenda);
  const parentIndex = order.findIndex((item) => item.children.includes(id));
  const parent = order[parentIndex];
  if (!parent) return order;
  const updated = order.map((item, index) =>
    index === parentIndex
      ? { ...item, children: item.children.filter((child) => child !== id) }
      : item,
  );
  updated.splice(parentIndex + 1, 0, { id, children: [] });
  return updated;
}
