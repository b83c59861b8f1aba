/**
 * The logger the core hands to the engine and the adapters: the small part of pino's interface
 * they use, so they log structured records without depending on pino. The composition root
 * passes pino itself (it fits this shape); tests pass `silentLogger` or a recorder.
 */

/** Logs one record: fields first (an `err` field carries an error), then the message. */
export type LogMethod = (fields: Record<string, unknown>, message: string) => void;

export interface Logger {
  error: LogMethod;
  warn: LogMethod;
  info: LogMethod;
  debug: LogMethod;
}

const ignore: LogMethod = () => {};

/** A logger that drops everything: the default where none is given. */
export const silentLogger: Logger = { error: ignore, warn: ignore, info: ignore, debug: ignore };
