import { describe, expect, it } from 'vitest';
import { busErrorLogger, kafkaLogger } from './log-adapters.ts';

function recorder() {
  const lines: Array<[string, Record<string, unknown>, string]> = [];
  const record = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push([level, fields, message]);
  };
  return { lines, log: { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') } };
}

describe('adapter log callbacks', () => {
  it('logs a failed bus handler as a warning naming topic, key and attempt, never the message value', () => {
    const { lines, log } = recorder();
    const err = new Error('store down');
    busErrorLogger(log)(err, { topic: 'runs', key: 'wf_1#3', value: { secret: 'x' }, deliveryAttempt: 4 });
    busErrorLogger(log)(err);
    expect(lines).toEqual([
      [
        'warn',
        { err, topic: 'runs', key: 'wf_1#3', deliveryAttempt: 4 },
        'bus message handler failed; the message will be delivered again',
      ],
      ['error', { err }, 'bus error'],
    ]);
  });

  it('passes kafkajs lines on at their level once started, and drops them before', () => {
    const { lines, log } = recorder();
    let started = false;
    const kafka = kafkaLogger(log, () => started);
    kafka('error', 'Connection error');
    started = true;
    kafka('warn', 'Rebalancing');
    expect(lines).toEqual([['warn', {}, 'kafkajs: Rebalancing']]);
  });
});
