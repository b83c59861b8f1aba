import { describe, expect, it } from 'vitest';
import type { TopicMessages } from 'kafkajs';
import { createSendBatcher } from './send-batcher.ts';

function fakeProducer() {
  const requests: TopicMessages[][] = [];
  let release: (() => void) | undefined;
  let failNext: Error | undefined;
  const sendBatch = (topicMessages: TopicMessages[]) => {
    requests.push(topicMessages);
    if (failNext) {
      const error = failNext;
      failNext = undefined;
      return Promise.reject(error);
    }
    return new Promise<void>((resolve) => {
      release = resolve;
    });
  };
  return {
    requests,
    sendBatch,
    release: () => release?.(),
    failNextWith: (e: Error) => {
      failNext = e;
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('send batcher', () => {
  it('sends what was published while a request was in flight together, in publish order, grouped by topic', async () => {
    const producer = fakeProducer();
    const send = createSendBatcher(producer.sendBatch);
    const first = send('events', { key: 'a', value: '1' });
    await flush();
    const later = [
      send('runs', { key: 'r', value: '2' }),
      send('events', { key: 'b', value: '3' }),
      send('events', { key: 'c', value: '4' }),
    ];
    await flush();
    expect(producer.requests).toHaveLength(1); // the others wait for the first acknowledgement
    producer.release();
    await first;
    await flush();
    expect(producer.requests[1]).toEqual([
      { topic: 'runs', messages: [{ key: 'r', value: '2' }] },
      {
        topic: 'events',
        messages: [
          { key: 'b', value: '3' },
          { key: 'c', value: '4' },
        ],
      },
    ]);
    producer.release();
    await Promise.all(later);
  });

  it('rejects every message of a request Kafka did not take, and sends the next ones afresh', async () => {
    const producer = fakeProducer();
    const send = createSendBatcher(producer.sendBatch);
    producer.failNextWith(new Error('broker down'));
    const lost = [send('events', { key: 'a', value: '1' }), send('events', { key: 'b', value: '2' })];
    for (const p of lost) await expect(p).rejects.toThrow('broker down');
    const next = send('events', { key: 'c', value: '3' });
    await flush();
    producer.release();
    await expect(next).resolves.toBeUndefined();
    expect(producer.requests.at(-1)).toEqual([{ topic: 'events', messages: [{ key: 'c', value: '3' }] }]);
  });
});
