// The floor of this stack for the meeting benchmarks: a bare Socket.IO server (websocket)
// that per message does one durable insert with a unique key, acknowledges after commit,
// and every 100 ms broadcasts each changed room's count; and, asked, broadcasts a message of
// a given size to a room. For the minutes: per step, one durable insert of its JSON, then the
// step to the room at once and the acknowledgement; and a document stored as one row, read
// back whole. For the province board: a board held whole in memory, given to each viewer
// who joins it; per sitting's change one durable insert, the acknowledgement after commit,
// the change to the sitting's room at once, and every 200 ms the changes so far to the
// board's room. Nothing more.
import http from 'node:http';
import postgres from 'postgres';
import { Server } from 'socket.io';

const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10, onnotice: () => {} });
await sql`create table if not exists bench_messages (id uuid primary key, room text not null)`;
await sql`create table if not exists bench_steps (id uuid primary key, room text not null, step jsonb not null)`;
await sql`create table if not exists bench_documents (room text primary key, doc jsonb not null)`;
const counts = new Map<string, number>();
const changed = new Set<string>();
/** Each room's steps so far: a step's version is its place in the room. */
const versions = new Map<string, number>();
/** The province board as the benchmark gave it, and the sittings changed since last sent. */
let board: unknown = null;
let boardChanges: unknown[] = [];

const server = http.createServer();
const io = new Server(server, { transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
  socket.on('join', (room: string, ack: () => void) => {
    void socket.join(room);
    ack();
  });
  // For the vote benchmark's closing: one message of `bytes` to a room, as a result would go.
  socket.on('broadcast', (request: { room: string; bytes: number }, ack: () => void) => {
    io.to(request.room).emit('blob', 'x'.repeat(request.bytes));
    ack();
  });
  socket.on(
    'message',
    async (message: { id: string; room: string }, ack: (ok: boolean) => void) => {
      try {
        await sql`insert into bench_messages (id, room) values (${message.id}, ${message.room})`;
        counts.set(message.room, (counts.get(message.room) ?? 0) + 1);
        changed.add(message.room);
        ack(true);
      } catch {
        ack(false);
      }
    },
  );
  // The minutes' floor: one row per step, sent to the room as soon as it is committed.
  socket.on(
    'step',
    async (
      message: { id: string; room: string; step: Record<string, unknown> },
      ack: (answer: { ok: boolean; version?: number }) => void,
    ) => {
      try {
        await sql`insert into bench_steps (id, room, step) values (${message.id}, ${message.room}, ${sql.json(message.step as never)})`;
        const version = (versions.get(message.room) ?? 0) + 1;
        versions.set(message.room, version);
        io.to(message.room).emit('step', { room: message.room, version, steps: [message.step] });
        ack({ ok: true, version });
      } catch {
        ack({ ok: false });
      }
    },
  );
  socket.on('board-store', (snapshot: unknown, ack: () => void) => {
    board = snapshot;
    ack();
  });
  socket.on('board-join', (_request: unknown, ack: (answer: unknown) => void) => {
    void socket.join('board');
    ack({ ok: true, seq: 0, data: board });
  });
  socket.on(
    'sitting',
    async (message: { id: string; room: string; sitting: unknown }, ack: (ok: boolean) => void) => {
      try {
        await sql`insert into bench_messages (id, room) values (${message.id}, ${message.room})`;
        io.to(message.room).emit('sitting', message.sitting);
        boardChanges.push(message.sitting);
        ack(true);
      } catch {
        ack(false);
      }
    },
  );
  socket.on(
    'store-document',
    async (message: { room: string; doc: unknown }, ack: (ok: boolean) => void) => {
      await sql`insert into bench_documents (room, doc) values (${message.room}, ${sql.json(message.doc as never)})
        on conflict (room) do update set doc = excluded.doc`;
      ack(true);
    },
  );
  socket.on('document', async (room: string, ack: (doc: unknown) => void) => {
    const [row] = await sql`select doc from bench_documents where room = ${room}`;
    ack(row?.doc ?? null);
  });
});
setInterval(() => {
  for (const room of changed) io.to(room).emit('count', { room, count: counts.get(room) });
  changed.clear();
}, 100);
setInterval(() => {
  if (boardChanges.length === 0) return;
  io.to('board').emit('board-changes', { sittings: boardChanges });
  boardChanges = [];
}, 200);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => {
  io.close();
  void sql.end().then(() => process.exit(0));
});
