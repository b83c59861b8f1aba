import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryEventBus } from '@wireup/testing';
import { createHarness, type Harness } from './testing/harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('dead letters', () => {
  it('the worker role stores a message that failed its last delivery, with the last error; replay publishes it again and removes it', async () => {
    h = await createHarness({ bus: createMemoryEventBus({ maxDeliveries: 2 }) });
    await h.bus.publish('runs', 'wf#1', null);
    const [letter] = await vi.waitFor(
      async () => {
        const list = await h.store.deadLetters.list({});
        if (list.length !== 1) throw new Error('no dead letter yet');
        return list;
      },
      { timeout: 5000 },
    );
    expect(letter).toMatchObject({
      topic: 'runs',
      key: 'wf#1',
      value: null,
      group: 'wireup',
      deliveries: 2,
      error: { message: expect.stringMatching(/^TypeError: Cannot read properties of null/) },
    });
    expect(letter.id).toMatch(/^dl_/);

    const seen: unknown[] = [];
    await h.bus.subscribe(
      'runs',
      async (m) => {
        seen.push(m.value);
      },
      { group: 'observer' },
    );
    expect(await h.engine.replayDeadLetter(letter.id)).toEqual(letter);
    expect(await h.store.deadLetters.get(letter.id)).toBeNull();
    await vi.waitFor(() => expect(seen).toContain(null), { timeout: 5000 });
    await expect(h.engine.replayDeadLetter(letter.id)).rejects.toMatchObject({
      code: 'DEAD_LETTER_NOT_FOUND',
      statusCode: 404,
    });
  });
});
