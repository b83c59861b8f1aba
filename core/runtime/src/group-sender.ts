/**
 * The queue behind group writes (the MongoDB store's insert and update batchers, the Kafka bus's
 * producer): items that arrive while the previous batch is in flight are sent together in the
 * next one, at most `maxBatch` at a time, one batch in flight, in arrival order. `send` settles every item of its batch (resolve or reject each);
 * if it throws instead, every item of the batch is rejected with that error.
 */
export interface Pending<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export type SendBatch<I, R> = (batch: Pending<I, R>[]) => Promise<void>;

export function createGroupSender<I, R>(send: SendBatch<I, R>, maxBatch = 500): (item: I) => Promise<R> {
  let waiting: Pending<I, R>[] = [];
  let sending = false;

  async function drain(): Promise<void> {
    sending = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, maxBatch);
        waiting = waiting.slice(batch.length);
        await send(batch).catch((error: unknown) => {
          for (const p of batch) p.reject(error);
        });
      }
    } finally {
      sending = false;
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      // The first item goes out on the next microtask; later ones gather while it is in flight.
      if (!sending && waiting.length === 1)
        queueMicrotask(() => {
          if (!sending) void drain();
        });
    });
}
