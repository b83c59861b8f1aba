/** core/store's error registry. */
import { WireupError } from '@wireup/sdk';

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
