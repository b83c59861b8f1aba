/** core/bus's error registry. */
import { defineErrorRegistry, WireupError } from '@wireup/sdk';

/** The bus cannot take messages now (broker down). Ingress answers 503 so the provider retries. */
export class BusUnavailableError extends WireupError {
  constructor(message: string, cause?: unknown) {
    super('BUS_UNAVAILABLE', message, { statusCode: 503, retriable: true, cause });
  }
}

/** The codes the bus raises (docs/errors.md is generated from the registries). */
export const busErrors = defineErrorRegistry('bus', {
  BUS_UNAVAILABLE: { status: 503, meaning: 'the event bus cannot take messages; providers retry' },
});
