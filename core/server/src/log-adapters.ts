/**
 * The adapters report through callbacks (`onError`, kafkajs's `log`); these turn them into log
 * records of the process logger. Message values are never logged: they may carry event data.
 */
import type { Logger } from '@wireup/runtime';
import type { BusMessage } from '@wireup/bus';

/** A bus `onError`: a failed handler (redelivered later) is a warning with topic, key and attempt; anything else an error. */
export function busErrorLogger(log: Logger): (error: unknown, message?: BusMessage) => void {
  return (error, message) => {
    if (message)
      log.warn(
        { err: error, topic: message.topic, key: message.key, deliveryAttempt: message.deliveryAttempt },
        'bus message handler failed; the message will be delivered again',
      );
    else log.error({ err: error }, 'bus error');
  };
}

/** kafkajs log lines as log records; before start-up succeeded they are dropped (`wireup start` reports that failure once). */
export function kafkaLogger(
  log: Logger,
  isStarted: () => boolean,
): (level: 'error' | 'warn' | 'info' | 'debug', message: string) => void {
  return (level, message) => {
    if (isStarted()) log[level]({}, `kafkajs: ${message}`);
  };
}
