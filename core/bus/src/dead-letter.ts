/** Builds the BusDeadLetter that adapters hand to the dead-letter sink. */
import type { BusDeadLetter, BusMessage } from './event-bus.ts';

/** The longest error message kept with a dead letter. */
const MAX_ERROR_MESSAGE = 2_000;

/** The dead letter of `message` (handled by `group`) whose last delivery failed with `error`. */
export function deadLetterOf(message: BusMessage, group: string, error: unknown): BusDeadLetter {
  const code = (error as { code?: unknown } | null)?.code;
  const text =
    error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return {
    topic: message.topic,
    key: message.key,
    value: message.value,
    group,
    deliveries: message.deliveryAttempt,
    error: { ...(typeof code === 'string' ? { code } : {}), message: text.slice(0, MAX_ERROR_MESSAGE) },
  };
}
