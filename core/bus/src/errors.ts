/** core/bus's error registry. */
import { WireupError } from '@wireup/sdk';

/** The bus cannot take messages now (broker down). Ingress answers 503 so the provider retries. */
export class BusUnavailableError extends WireupError {
  constructor(message: string, cause?: unknown) {
    super('BUS_UNAVAILABLE', message, { statusCode: 503, retriable: true, cause });
  }
}
