import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RoomPublisher } from './room-publisher.ts';

describe('sending a room its news at most once per interval', () => {
  const record = () => {
    const sent: { room: string; items: readonly number[]; at: number }[] = [];
    const publisher = new RoomPublisher<number>(60, (room, items) =>
      sent.push({ room, items, at: performance.now() }),
    );
    return { sent, publisher };
  };

  it('sends the first news after a quiet spell at once, just after the answers of the work that made it', async () => {
    const { sent, publisher } = record();
    const order: string[] = [];
    publisher.publish('meeting-a', [1]);
    // The answer to the command that made the news is sent in the same turn, before it.
    void Promise.resolve().then(() => order.push(`answer, ${sent.length} sent`));
    expect(sent).toEqual([]);
    await sleep(15);
    expect(order).toEqual(['answer, 0 sent']);
    expect(sent).toEqual([{ room: 'meeting-a', items: [1], at: expect.any(Number) }]);
  });

  it('holds what follows within the interval and sends it together, in order, when it ends', async () => {
    const { sent, publisher } = record();
    publisher.publish('meeting-a', [1]);
    await sleep(15);
    publisher.publish('meeting-a', [2, 3]);
    publisher.publish('meeting-a', [4]);
    expect(sent.map((message) => message.items)).toEqual([[1]]);
    await sleep(90);
    expect(sent.map((message) => message.items)).toEqual([[1], [2, 3, 4]]);
    expect((sent[1]?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(55);
  });

  it('keeps rooms apart: one busy room does not delay another', async () => {
    const { sent, publisher } = record();
    publisher.publish('meeting-a', [1]);
    await sleep(15);
    publisher.publish('meeting-a', [2]);
    publisher.publish('meeting-b', [7]);
    await sleep(15);
    expect(sent.map((message) => [message.room, message.items])).toEqual([
      ['meeting-a', [1]],
      ['meeting-b', [7]],
    ]);
  });

  it('sends nothing for an empty batch', () => {
    const { sent, publisher } = record();
    publisher.publish('meeting-a', []);
    expect(sent).toEqual([]);
  });
});
