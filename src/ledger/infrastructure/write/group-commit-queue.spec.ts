import { GroupCommitQueue, Overloaded, type GroupCommitLimits, type Settlement } from './group-commit-queue.js';

const limits: GroupCommitLimits = { batchEntriesMax: 3, batchItemsMax: 10, batchWaitMicroseconds: 1_000, queueEntriesMax: 5, lanes: 1 };

/** A batch writer that records each batch and answers when told to. */
function recordingWriter() {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const write = (entries: string[]) =>
    new Promise<Settlement<string>[]>((resolve) => {
      batches.push(entries);
      pending.push(() => resolve(entries.map((entry) => (entry.startsWith('bad') ? { ok: false, error: new Error(entry) } : { ok: true, value: `done ${entry}` }))));
    });
  const finishAll = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { batches, write, finishAll };
}

describe('GroupCommitQueue', () => {
  it('given a free lane, when entries arrive in one tick, then they leave together in arrival order, up to the batch limit', async () => {
    const writer = recordingWriter();
    const queue = new GroupCommitQueue(limits, writer.write);
    const answers = ['a', 'b', 'c', 'd'].map((entry) => queue.submit(entry));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(writer.batches).toEqual([['a', 'b', 'c']]);
    await writer.finishAll();
    expect(writer.batches).toEqual([['a', 'b', 'c'], ['d']]);
    await expect(Promise.all(answers)).resolves.toEqual(['done a', 'done b', 'done c', 'done d']);
  });

  it('given a batch mate that fails, then only its own caller sees the error', async () => {
    const writer = recordingWriter();
    const queue = new GroupCommitQueue(limits, writer.write);
    const answers = ['a', 'bad-b', 'c'].map((entry) => queue.submit(entry).catch((error: Error) => `refused ${error.message}`));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await writer.finishAll();
    await expect(Promise.all(answers)).resolves.toEqual(['done a', 'refused bad-b', 'done c']);
  });

  it('given a full queue, when one more entry arrives, then it is refused at once with OVERLOADED', async () => {
    const writer = recordingWriter();
    const queue = new GroupCommitQueue(limits, writer.write);
    const accepted = ['1', '2', '3', '4', '5'].map((entry) => queue.submit(entry));
    await expect(queue.submit('6')).rejects.toBeInstanceOf(Overloaded);
    expect(queue.depth).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await writer.finishAll();
    await Promise.all(accepted);
    expect(queue.depth).toBe(0);
  });

  it('given an entry larger than the item limit, then it travels alone and whole', async () => {
    const writer = recordingWriter();
    const queue = new GroupCommitQueue(limits, writer.write, (entry: string) => entry.length);
    const answers = ['xx', 'a'.repeat(25), 'y'].map((entry) => queue.submit(entry));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await writer.finishAll();
    await Promise.all(answers);
    expect(writer.batches.map((batch) => batch.map((entry) => entry.length))).toEqual([[2], [25], [1]]);
  });

  it('when drained, then queued entries are still written and answered, and new ones are refused', async () => {
    const writer = recordingWriter();
    const queue = new GroupCommitQueue(limits, writer.write);
    const answers = ['a', 'b', 'c', 'd'].map((entry) => queue.submit(entry));
    const drained = queue.drain();
    await expect(queue.submit('late')).rejects.toBeInstanceOf(Overloaded);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await writer.finishAll();
    await drained;
    await expect(Promise.all(answers)).resolves.toHaveLength(4);
  });
});
