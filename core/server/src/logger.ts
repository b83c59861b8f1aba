/**
 * The process's logger: pino, JSON lines on stdout at WIREUP_LOG_LEVEL. Fastify logs through it
 * and the composition root hands it to the engine, the bus and the store as their small
 * `Logger`. Secret-bearing fields are redacted wherever they appear in a record's first levels;
 * the code never logs request bodies or connection auth in the first place.
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from './config.ts';

const secretHeaders = [
  'authorization',
  'cookie',
  'set-cookie',
  'stripe-signature',
  'x-kustomer-webhook-signature',
  'x-api-key',
];
const secretFields = [
  'auth',
  'apiKey',
  'secretKey',
  'webhookSecret',
  'webhookToken',
  'apiToken',
  'token',
  'password',
  'secret',
  'authCiphertext',
];

/** pino `redact` paths: secret headers of requests and errors, secret fields at the top and one or two levels down. */
export const redactPaths: string[] = [
  ...secretHeaders.flatMap((h) => [
    `headers["${h}"]`,
    `req.headers["${h}"]`,
    `request.headers["${h}"]`,
    `err.request.headers["${h}"]`,
    `err.details.request.headers["${h}"]`,
  ]),
  ...secretFields.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

export const REDACTED = '[redacted]';

/** Creates the logger; `destination` defaults to stdout (tests pass a stream to read it). */
export function createLogger(options: { level: LogLevel }, destination?: DestinationStream): PinoLogger {
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      redact: { paths: redactPaths, censor: REDACTED },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
