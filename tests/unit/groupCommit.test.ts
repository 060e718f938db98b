import { describe, expect, test } from 'vitest';
import { createGroupCommit } from '../../server/groupCommit.ts';

/** A writer that records each batch it was given and fails any batch holding `bad`. */
function recordingWriter(bad?: number) {
  const batches: number[][] = [];
  const write = async (items: number[]) => {
    batches.push(items);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (bad !== undefined && items.includes(bad)) throw new Error(`cannot write ${bad}`);
    return items.map((item) => item * 10);
  };
  return { batches, write };
}

describe('group commit', () => {
  test('items that arrive together share a batch; those arriving during a write wait for the next one', async () => {
    const writer = recordingWriter();
    const submit = createGroupCommit(writer.write);
    const first = [1, 2, 3].map(submit);
    await new Promise((resolve) => setTimeout(resolve, 1)); // the first batch is now being written
    const second = [4, 5].map(submit);
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(writer.batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  test('a batch never exceeds its limit, and items keep their order across batches', async () => {
    const writer = recordingWriter();
    const submit = createGroupCommit(writer.write, 2);
    expect(await Promise.all([1, 2, 3, 4, 5].map(submit))).toEqual([10, 20, 30, 40, 50]);
    expect(writer.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  test('a failed batch is written again one item at a time, so only the bad item fails', async () => {
    const writer = recordingWriter(2);
    const submit = createGroupCommit(writer.write);
    const settled = await Promise.allSettled([1, 2, 3].map(submit));
    expect(settled).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('cannot write 2') },
      { status: 'fulfilled', value: 30 },
    ]);
    expect(writer.batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    // The queue keeps working after a failure.
    expect(await submit(4)).toBe(40);
  });
});
