/** Store contract, part: the dead-letter repository. */
import { describe, expect, it } from 'vitest';
import { newDeadLetterId, type DeadLetterRecord, type Store } from '@wireup/store';

const letter = (at: number, fields: Partial<DeadLetterRecord> = {}): DeadLetterRecord => ({
  id: newDeadLetterId(at),
  topic: 'runs',
  key: 'wf_1#3',
  value: { runId: 'run_1', nested: { 'a.b': [1, [2]], $x: null } },
  group: 'wireup',
  deliveries: 10,
  error: { code: 'STORE_CONFLICT', message: 'TypeError: cannot read é ✓' },
  deadAt: new Date(at).toISOString(),
  ...fields,
});

export function describeDeadLetterStoreContract(getStore: () => Store): void {
  describe('dead letters', () => {
    it('stores a letter as given and reads it back by id; an unknown id is null', async () => {
      const { deadLetters } = getStore();
      const one = letter(Date.UTC(2026, 0, 1));
      await deadLetters.add(one);
      expect(await deadLetters.get(one.id)).toEqual(one);
      expect(await deadLetters.get('dl_nope')).toBeNull();
      await deadLetters.add({ ...one, deliveries: 99 }); // same id: ignored
      expect((await deadLetters.get(one.id))!.deliveries).toBe(10);
    });

    it('lists newest first, pages with limit and before, and deletes', async () => {
      const { deadLetters } = getStore();
      const base = Date.UTC(2026, 0, 1);
      const all = [
        letter(base),
        letter(base + 1000, { topic: 'events', error: { message: 'boom' } }),
        letter(base + 2000),
      ];
      for (const l of all) await deadLetters.add(l);
      const ids = all.map((l) => l.id).reverse();
      expect((await deadLetters.list({})).map((l) => l.id)).toEqual(ids);
      const first = await deadLetters.list({ limit: 2 });
      expect(first.map((l) => l.id)).toEqual(ids.slice(0, 2));
      expect((await deadLetters.list({ limit: 2, before: first[1].id })).map((l) => l.id)).toEqual(ids.slice(2));
      expect(await deadLetters.delete(ids[0])).toBe(true);
      expect(await deadLetters.delete(ids[0])).toBe(false);
      expect((await deadLetters.list({})).map((l) => l.id)).toEqual(ids.slice(1));
    });
  });
}
