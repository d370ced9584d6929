// The shape of the server, held by a test: no file imports itself back through others, the
// three rooms of the realtime side import only downward (realtime → meetings → polls), and
// the REST routes parse and answer while services hold the SQL.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('.', import.meta.url));

/** A server file's text, by its path below the server's source folder. */
const source = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Every source file of the server (tests aside), with the files of ours it imports. */
function importGraph(): Map<string, string[]> {
  const files = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = source(file);
    const imports = [...text.matchAll(/^import[^;]*?from '(\.{1,2}\/[^']+)';/gms)].map((match) =>
      path.relative(root, path.resolve(path.dirname(path.join(root, file)), match[1] ?? '')),
    );
    graph.set(file, imports);
  }
  return graph;
}

/** Each import circle, as the files around it; none when the graph has none. */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      found.push([...stack.slice(stack.indexOf(file)), file]);
      return;
    }
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

const room = (file: string) => file.split(path.sep)[0] ?? '';

/** Whether a file's text holds SQL: drizzle imported, a transaction, or a query on `db`. */
const holdsSql = (text: string) =>
  /from 'drizzle-orm[/']|\.transaction\(|\bdb\s*\.(select|insert|update|delete)\b/.test(text);

describe('the shape of the server', () => {
  const graph = importGraph();

  it('has no import circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('finds a circle when there is one (so the check above can fail)', () => {
    const looped = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(circles(looped)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('keeps the rooms downward: meetings/ and polls/ never import realtime/, polls/ never meetings/', () => {
    // The walk of a vote, as the graph sees it: edge, engine, lifecycle, box.
    expect(graph.get(path.join('realtime', 'poll.handlers.ts'))).toContain(
      path.join('realtime', 'on.ts'),
    );
    expect(graph.get(path.join('meetings', 'meeting-engine.ts'))).toContain(
      path.join('polls', 'poll-lifecycle.ts'),
    );
    expect(graph.get(path.join('polls', 'poll-lifecycle.ts'))).toContain(
      path.join('polls', 'ballot-box.ts'),
    );
    const upward = [...graph].flatMap(([file, imports]) =>
      imports
        .filter(
          (imported) =>
            ((room(file) === 'meetings' || room(file) === 'polls') &&
              room(imported) === 'realtime') ||
            (room(file) === 'polls' && room(imported) === 'meetings'),
        )
        .map((imported) => `${file} → ${imported}`),
    );
    expect(upward).toEqual([]);
  });

  it('speaks Socket.IO only at the edge: no file outside realtime/ imports socket.io', () => {
    const speaking = [...graph.keys()].filter(
      (file) => room(file) !== 'realtime' && /from 'socket\.io'/.test(source(file)),
    );
    expect(speaking).toEqual([]);
  });

  it('keeps SQL out of the routes: no *.routes.ts imports drizzle-orm, opens a transaction or queries db', () => {
    const routes = [...graph.keys()].filter((file) => file.endsWith('.routes.ts'));
    expect(routes).toContain(path.join('bodies', 'bodies.routes.ts'));
    expect(routes.filter((file) => holdsSql(source(file)))).toEqual([]);
  });

  it('finds SQL in a route when there is some (so the check above can fail)', () => {
    expect(holdsSql("import { eq } from 'drizzle-orm';")).toBe(true);
    expect(holdsSql("import { alias } from 'drizzle-orm/pg-core';")).toBe(true);
    expect(holdsSql('await db.transaction(async (tx) => {')).toBe(true);
    expect(holdsSql('const rows = await db\n      .select()\n      .from(table);')).toBe(true);
    expect(holdsSql('await db.delete(table);')).toBe(true);
    expect(holdsSql('response.json(await loadMembers(db, target.bodyId, today()));')).toBe(false);
  });
});
