import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger({ level: 'debug' }, stream) };
}

describe('createLogger', () => {
  it('redacts secret headers and auth fields wherever a record carries them', () => {
    const { lines, log } = capture();
    const err = Object.assign(new Error('Kustomer answered 401'), {
      details: { request: { headers: { authorization: 'Bearer kus-KEY-1' } } },
    });
    log.warn(
      {
        req: {
          headers: {
            authorization: 'Bearer API-TOKEN-1',
            'stripe-signature': 't=1,v1=SIG-1',
            'content-type': 'application/json',
          },
        },
        connection: { name: 'Kustomer', auth: { apiKey: 'kus-KEY-2' } },
        step: { input: { apiKey: 'kus-KEY-3' } },
        secretKey: 'sk_test_KEY-4',
        err,
      },
      'something happened',
    );
    const text = lines.join('');
    for (const secret of ['API-TOKEN-1', 'SIG-1', 'kus-KEY-1', 'kus-KEY-2', 'kus-KEY-3', 'sk_test_KEY-4'])
      expect(text).not.toContain(secret);
    const record = JSON.parse(text);
    expect(record.req.headers).toEqual({
      authorization: '[redacted]',
      'stripe-signature': '[redacted]',
      'content-type': 'application/json',
    });
    expect(record.connection).toEqual({ name: 'Kustomer', auth: '[redacted]' });
    expect(record.err.message).toBe('Kustomer answered 401');
  });

  it('logs at the configured level and above', () => {
    const { lines, log } = capture();
    const quiet = createLogger(
      { level: 'warn' },
      new Writable({
        write(chunk, _e, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    quiet.info({}, 'dropped');
    quiet.warn({}, 'kept');
    log.debug({}, 'debug kept');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['kept', 'debug kept']);
  });
});
