// The floor of this stack for the meeting benchmarks: a bare Socket.IO server (websocket)
// that per message does one durable insert with a unique key, acknowledges after commit,
// and every 100 ms broadcasts each changed room's count; and, asked, broadcasts a message of
// a given size to a room. Nothing more.
import http from 'node:http';
import postgres from 'postgres';
import { Server } from 'socket.io';

const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10, onnotice: () => {} });
await sql`create table if not exists bench_messages (id uuid primary key, room text not null)`;
const counts = new Map<string, number>();
const changed = new Set<string>();

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
});
setInterval(() => {
  for (const room of changed) io.to(room).emit('count', { room, count: counts.get(room) });
  changed.clear();
}, 100);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => {
  io.close();
  void sql.end().then(() => process.exit(0));
});
