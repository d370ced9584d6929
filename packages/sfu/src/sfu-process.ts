/**
 * The SFU's child process: an `SfuCore` answering the parent's calls over the IPC channel
 * and telling it of sessions that end by themselves. Forked by `startSfu`; its one argument
 * is its settings as JSON.
 */
import type { ChildMessage, ChildSettings, ParentMessage } from './ipc-messages.ts';
import { SFU_METHODS } from './ipc-messages.ts';
import { SfuCore } from './sfu-core.ts';

if (!process.send)
  throw new Error('sfu-process.ts runs only as a child forked with an IPC channel');

const settings = JSON.parse(process.argv[2] ?? '{}') as ChildSettings;
let stopping = false;

function send(message: ChildMessage): void {
  // The channel may be closing with the parent; what cannot be told then is moot.
  if (process.connected) process.send?.(message, undefined, {}, () => {});
}

const core = new SfuCore({
  ...settings,
  logger: (level, message) => send({ type: 'log', level, message }),
});
core.onSessionEnded((ended) => send({ type: 'ended', ended }));

async function answer(id: number, method: string, args: readonly unknown[]): Promise<void> {
  try {
    if (!(SFU_METHODS as readonly string[]).includes(method))
      throw new Error(`no method ${method}`);
    const call = core[method as (typeof SFU_METHODS)[number]] as (
      ...args: unknown[]
    ) => Promise<unknown>;
    const value = await call.apply(core, [...args]);
    send({ type: 'reply', id, ok: true, value: value ?? null });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    send({ type: 'reply', id, ok: false, error: { name, message } });
  }
}

/**
 * Ends every session and exits. Not through node-datachannel's `cleanup()`: in 0.33.4 it
 * crashed the process (segmentation fault or abort) whenever two or more peers had been
 * connected, while exiting after closing them never did.
 */
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await core.stop();
  // A moment for the closing packets to leave.
  setTimeout(() => process.exit(0), 50);
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'stop') void shutdown();
  else if (!stopping) void answer(message.id, message.method, message.args);
});
// The parent is gone (crashed or killed): nobody is left to serve.
process.on('disconnect', () => void shutdown());

send({ type: 'ready' });
