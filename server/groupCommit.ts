import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Group commit: items that arrive together are written in one batch, so a busy server pays for one
 * transaction per batch instead of one per request. Each caller's promise settles once its batch
 * is written (committed); items are written in the order they arrived.
 *
 * A batch is taken one event-loop turn after the first item waits, and after that whenever the
 * previous batch is written. The turn matters on PGlite: its queries run without real I/O, so one
 * request's whole transaction would otherwise run before the server even reads the requests
 * already waiting on other sockets, and every batch would hold one item.
 *
 * If a batch fails, its items are written again one at a time, in order, so one bad item fails
 * only its own caller; `writeBatch` must therefore be safe to repeat (the decisions' exactly-once
 * rule makes it so: a decision already stored is answered as repeated).
 */
export function createGroupCommit<In, Out>(writeBatch: (items: In[]) => Promise<Out[]>, maxBatch = 64): (item: In) => Promise<Out> {
  interface Waiting {
    item: In;
    resolve(out: Out): void;
    reject(error: unknown): void;
  }
  const waiting: Waiting[] = [];
  let writing = false;

  async function writeEach(batch: Waiting[]): Promise<void> {
    try {
      const outs = await writeBatch(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(outs[index] as Out));
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      else for (const entry of batch) await writeEach([entry]);
    }
  }

  async function write(): Promise<void> {
    writing = true;
    await nextTurn();
    while (waiting.length > 0) await writeEach(waiting.splice(0, maxBatch));
    writing = false;
  }

  return (item) =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!writing) void write();
    });
}
