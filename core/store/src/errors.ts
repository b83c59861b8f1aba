/** core/store's error registry. */
import { WireupError } from '@wireup/sdk';

/** The store could not be opened or reached (bad path, database down). */
export class StoreUnavailableError extends WireupError {
  constructor(message: string, cause?: unknown) {
    super('STORE_UNAVAILABLE', message, { statusCode: 503, retriable: true, cause });
  }
}
