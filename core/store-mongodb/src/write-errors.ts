/**
 * Settles each caller of an unordered batch write that failed in whole or in part: an item the
 * server did not report failed gets `ok`; one refused for a duplicate key gets `duplicate`
 * (when the caller wants that as an answer, else it is an error like the rest); one refused
 * otherwise, or every item when the whole write failed, is rejected with the server's error.
 */
import { MongoBulkWriteError, MongoServerError, type WriteError } from 'mongodb';
import type { Pending } from '@wireup/runtime';

const DUPLICATE_KEY = 11000;

export function settleEach<I, R>(batch: Pending<I, R>[], error: unknown, ok: R, duplicate: R | undefined): void {
  if (!(error instanceof MongoBulkWriteError)) {
    for (const p of batch) p.reject(error);
    return;
  }
  const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors as WriteError];
  const byIndex = new Map(errors.map((e) => [e.index, e]));
  batch.forEach((p, index) => {
    const failure = byIndex.get(index);
    if (!failure) p.resolve(ok);
    else if (failure.code === DUPLICATE_KEY && duplicate !== undefined) p.resolve(duplicate);
    else
      p.reject(
        new MongoServerError({
          message: failure.errmsg ?? `Write failed with code ${failure.code}`,
          code: failure.code,
        }),
      );
  });
}
