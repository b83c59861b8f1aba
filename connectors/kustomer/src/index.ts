/** @wireup/connector-kustomer: the Kustomer connector (default export) and its client helpers. */
import kustomer from './connector.ts';

export default kustomer;
export { kustomer };
export {
  kustomerClient,
  kustomerBaseUrl,
  kustomerErrorText,
  retryAfterMs,
  toKustomerError,
  DEFAULT_KUSTOMER_BASE_URL,
  DEFAULT_RATE_LIMIT_WAIT_MS,
  type KustomerClient,
} from './client.ts';
