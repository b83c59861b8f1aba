import { describe, expect, it } from 'vitest';
import { createKeyedSerial } from './keyed-serial.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('keyed serial', () => {
  it('runs tasks of one key one after another, and tasks of other keys alongside', async () => {
    const serial = createKeyedSerial();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      serial('run-1', task('a')),
      serial('run-1', task('b')),
      serial('run-2', task('c')),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log.indexOf('a end')).toBeLessThan(log.indexOf('b start'));
    expect(log.indexOf('c start')).toBeLessThan(log.indexOf('a end'));
  });

  it('goes on with the next task of a key after one fails, and hands the failure to its caller', async () => {
    const serial = createKeyedSerial();
    const failed = serial('run-1', async () => {
      throw new Error('lost the database');
    });
    const next = serial('run-1', async () => 'next');
    await expect(failed).rejects.toThrow('lost the database');
    await expect(next).resolves.toBe('next');
  });
});
