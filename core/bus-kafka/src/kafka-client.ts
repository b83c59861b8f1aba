/** The kafkajs client with Wireup's defaults: short connection retries and quiet, one-line logs. */
import { Kafka, logLevel as KafkaLogLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { KafkaEventBusOptions } from './kafka-options.ts';

const levels = {
  nothing: KafkaLogLevel.NOTHING,
  error: KafkaLogLevel.ERROR,
  warn: KafkaLogLevel.WARN,
  info: KafkaLogLevel.INFO,
  debug: KafkaLogLevel.DEBUG,
} as const;

const names: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

function defaultLog(level: string, message: string): void {
  process.stderr.write(`kafkajs ${level}: ${message}\n`);
}

/** Creates the kafkajs client of one bus. */
export function createKafkaClient(options: KafkaEventBusOptions): Kafka {
  const log = options.log ?? defaultLog;
  const creator: logCreator =
    () =>
    ({ level, log: entry }: LogEntry) => {
      const { message, error, broker } = entry as { message: string; error?: string; broker?: string };
      log(names[level] ?? 'info', [message, error && `(${error})`, broker && `[${broker}]`].filter(Boolean).join(' '));
    };
  return new Kafka({
    clientId: options.clientId ?? 'wireup',
    brokers: options.brokers,
    connectionTimeout: 1000,
    // Bounded so an unreachable broker is reported in seconds; consumers retry on their own (restartOnFailure).
    retry: { retries: 4, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: levels[options.logLevel ?? 'error'],
    logCreator: creator,
  });
}
