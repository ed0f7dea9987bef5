import { describe, expect, it } from 'vitest';
import { createBlockHandOver } from '../../utils/reading/block-hand-over';
import type { MoreBlocksOutcome } from '../../utils/messages/background-protocol';
import type { ExtractedBlock } from '../../utils/messages/page-protocol';

/** A hand-over whose timer runs when the test says, and whose sends answer from a script of outcomes. */
function harness(answers: (MoreBlocksOutcome | Error)[], maxBlocks?: number) {
  const timers: (() => void)[] = [];
  const delays: number[] = [];
  const sent: number[][] = [];
  const lasts: boolean[] = [];
  let finished = false;
  const reported: unknown[] = [];
  const blocks: ExtractedBlock[] = [];
  const handOver = createBlockHandOver({
    send: (_id, batch, last) => {
      sent.push(batch.map((b) => b.index));
      lasts.push(last);
      const answer = answers.shift() ?? 'added';
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    everyMs: 1500,
    maxFailures: 3,
    report: (e) => reported.push(e),
    ...(maxBlocks ? { maxBlocks } : {}),
    setTimer: (run, ms) => {
      timers.push(run);
      delays.push(ms);
    },
  });
  const extract = (n: number) => {
    for (let i = 0; i < n; i++) blocks.push({ index: blocks.length, text: `block ${blocks.length}` });
    handOver.extracted();
  };
  /** Runs the pending timer and lets its send settle. */
  const tick = async () => {
    timers.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const finish = () => {
    finished = true;
    handOver.extracted();
  };
  const isFinished = () => finished;
  return { handOver, blocks, extract, finish, isFinished, tick, sent, lasts, reported, timers, delays };
}

describe('block hand-over', () => {
  it('sends a long rest in messages the worker accepts, the end said with the last of them', async () => {
    const h = harness([], 4);
    h.extract(2);
    h.handOver.start('x-1', 2, () => h.blocks, h.isFinished);
    h.extract(9);
    h.finish();
    for (let i = 0; i < 5; i++) await h.tick();
    expect(h.sent).toEqual([[2, 3, 4, 5], [6, 7, 8, 9], [10]]);
    expect(h.lasts).toEqual([false, false, true]);
  });

  it('sends each block extracted after the reading started once, in order, in batches', async () => {
    const h = harness([]);
    h.extract(3);
    h.handOver.start('pdf-1', 3, () => h.blocks, h.isFinished);
    expect(h.timers).toHaveLength(0);
    h.extract(2);
    await h.tick();
    h.extract(1);
    await h.tick();
    expect(h.sent).toEqual([[3, 4], [5]]);
    // The end of the extraction is said once, with whatever came last.
    h.extract(1);
    h.finish();
    await h.tick();
    await h.tick();
    expect(h.sent).toEqual([[3, 4], [5], [6]]);
    expect(h.lasts).toEqual([false, false, true]);
  });

  it('tells a reading that started before the end that nothing follows, even with no block left to send', async () => {
    const h = harness([]);
    h.extract(2);
    h.handOver.start('pdf-1', 2, () => h.blocks, h.isFinished);
    h.finish();
    await h.tick();
    expect([h.sent, h.lasts]).toEqual([[[]], [true]]);
    await h.tick();
    expect(h.sent).toHaveLength(1);
    // A reading answered after the end already knows: nothing is sent.
    const after = harness([]);
    after.extract(2);
    after.finish();
    after.handOver.start('pdf-2', 2, () => after.blocks, after.isFinished);
    await after.tick();
    expect(after.sent).toEqual([]);
  });

  it('asks less and less often while the reading is still being prepared, and as often again once it took some', async () => {
    const h = harness(['later', 'later', 'later', 'later', 'later', 'added']);
    h.handOver.start('x-1', 0, () => h.blocks, h.isFinished);
    h.extract(2);
    for (let i = 0; i < 6; i++) await h.tick();
    h.extract(1);
    await h.tick();
    expect(h.sent).toEqual([[0, 1], [0, 1], [0, 1], [0, 1], [0, 1], [0, 1], [2]]);
    expect(h.delays).toEqual([1500, 3000, 6000, 12000, 12000, 12000, 1500]);
  });

  it('tries again after a failed send (a worker restarting), so no block is lost', async () => {
    const h = harness([new Error('Could not establish connection. Receiving end does not exist.')]);
    h.handOver.start('pdf-1', 0, () => h.blocks, h.isFinished);
    h.extract(2);
    await h.tick();
    h.extract(1);
    await h.tick();
    expect(h.sent).toEqual([
      [0, 1],
      [0, 1, 2],
    ]);
    expect(h.reported).toEqual([]);
  });

  it('gives up and says so after failures in a row, and stops when the reading is over', async () => {
    const h = harness([new Error('a'), new Error('b'), new Error('c')]);
    h.handOver.start('pdf-1', 0, () => h.blocks, h.isFinished);
    h.extract(1);
    for (let i = 0; i < 4; i++) await h.tick();
    expect(h.sent).toHaveLength(3);
    expect(h.reported).toHaveLength(1);

    const over = harness(['over']);
    over.handOver.start('pdf-2', 0, () => over.blocks, over.isFinished);
    over.extract(1);
    await over.tick();
    over.extract(1);
    await over.tick();
    expect(over.sent).toEqual([[0]]);
  });
});
