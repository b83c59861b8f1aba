import { describe, expect, it } from 'vitest';
import { createGroupSender, type Pending } from './group-sender.ts';

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('group sender', () => {
  it('sends what arrives while a batch is in flight as the next batch, at most maxBatch at a time', async () => {
    const batches: number[][] = [];
    const inFlight: Array<() => void> = [];
    const send = createGroupSender<number, string>((batch: Pending<number, string>[]) => {
      batches.push(batch.map((p) => p.item));
      return new Promise<void>((done) =>
        inFlight.push(() => {
          for (const p of batch) p.resolve(`ok ${p.item}`);
          done();
        }),
      );
    }, 2);
    const first = send(1);
    await flush();
    const rest = [send(2), send(3), send(4)];
    await flush();
    expect(batches).toEqual([[1]]);
    inFlight.shift()!();
    expect(await first).toBe('ok 1');
    await flush();
    expect(batches).toEqual([[1], [2, 3]]);
    inFlight.shift()!();
    await flush();
    inFlight.shift()!();
    expect(await Promise.all(rest)).toEqual(['ok 2', 'ok 3', 'ok 4']);
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });

  it('rejects every item of a batch whose send threw, and goes on with the next', async () => {
    let fail = true;
    const send = createGroupSender<number, number>(async (batch) => {
      if (fail) {
        fail = false;
        throw new Error('server gone');
      }
      for (const p of batch) p.resolve(p.item * 10);
    });
    const lost = [send(1), send(2)];
    for (const p of lost) await expect(p).rejects.toThrow('server gone');
    expect(await send(3)).toBe(30);
  });
});
