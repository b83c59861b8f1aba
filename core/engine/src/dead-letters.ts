/**
 * Poison messages: a bus message whose handler failed its bounded number of deliveries is kept
 * in the store (the dead-letter sink the worker role gives the bus) and can be replayed: put
 * back on its topic with its key and value, then removed from the list. The store write is
 * what lets the bus drop the message, so a letter is never lost between the two.
 */
import type { BusDeadLetter } from '@wireup/bus';
import { newDeadLetterId, type DeadLetterRecord } from '@wireup/store';
import type { EngineContext } from './engine-context.ts';
import { DeadLetterNotFoundError } from './errors.ts';

/** The sink given to the bus: stores the letter, then reports it. */
export function createDeadLetterSink(ctx: EngineContext): (letter: BusDeadLetter) => Promise<void> {
  return async (letter) => {
    const now = Date.now();
    const record: DeadLetterRecord = { id: newDeadLetterId(now), ...letter, deadAt: new Date(now).toISOString() };
    await ctx.store.deadLetters.add(record);
    ctx.observer.deadLettered(record);
  };
}

/** Publishes the letter's message to its topic again and removes the letter. Throws DeadLetterNotFoundError (404). */
export async function replayDeadLetter(ctx: EngineContext, id: string): Promise<DeadLetterRecord> {
  const letter = await ctx.store.deadLetters.get(id);
  if (!letter) throw new DeadLetterNotFoundError(id);
  // Published first: a crash in between leaves the letter listed, and a second replay is harmless (handlers are idempotent).
  await ctx.bus.publish(letter.topic as Parameters<typeof ctx.bus.publish>[0], letter.key, letter.value);
  await ctx.store.deadLetters.delete(id);
  return letter;
}
