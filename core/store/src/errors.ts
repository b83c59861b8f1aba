/** core/store's error registry. */
import { defineErrorRegistry, WireupError } from '@wireup/sdk';

/** The store could not be opened or reached (bad path, database down). */
export class StoreUnavailableError extends WireupError {
  constructor(message: string, cause?: unknown) {
    super('STORE_UNAVAILABLE', message, { statusCode: 503, retriable: true, cause });
  }
}

/** A record with the same unique value (id, webhook token) already exists. Not retriable. */
export class StoreConflictError extends WireupError {
  constructor(message: string, details?: unknown) {
    super('STORE_CONFLICT', message, { statusCode: 409, details });
  }
}

/** An update named a record that does not exist (e.g. saveStep on an unknown run). Not retriable. */
export class StoreRecordNotFoundError extends WireupError {
  constructor(message: string, details?: unknown) {
    super('STORE_RECORD_NOT_FOUND', message, { statusCode: 404, details });
  }
}

/** The codes the store raises (docs/errors.md is generated from the registries). */
export const storeErrors = defineErrorRegistry('store', {
  STORE_UNAVAILABLE: { status: 503, meaning: 'the database cannot be reached' },
  STORE_CONFLICT: { status: 409, meaning: 'a record with that id (or webhook token) already exists' },
  STORE_RECORD_NOT_FOUND: { status: 404, meaning: 'the run to update does not exist' },
});
