import { describe, expect, it } from 'vitest';
import type { RunRecord, Store } from '@wireup/store';
import { createRunFeed } from './run-feed.ts';
import { openRunStream } from './run-stream.ts';

const run = (id: string, status = 'running'): RunRecord => ({
  id,
  workflowId: 'wf_1',
  version: 1,
  status: status as RunRecord['status'],
  event: { key: 'k', id: 'evt', type: 'charge.failed' },
  steps: [
    { id: 's', type: 'action', status: 'succeeded', attempts: 1, startedAt: '', input: { apiKey: 'x' } } as never,
  ],
  replays: 0,
  createdAt: '',
  updatedAt: '',
});

function storeOf(reads: string[]): Store {
  return {
    runs: {
      get: async (id: string) => {
        reads.push(id);
        return run(id);
      },
    },
  } as unknown as Store;
}

async function collect(body: NodeJS.ReadableStream, until: (text: string) => boolean): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += String(chunk);
    if (until(text)) break;
  }
  return text;
}

describe('openRunStream', () => {
  it('coalesces changes of one run into one read and one event, without the steps', async () => {
    const feed = createRunFeed();
    const reads: string[] = [];
    const stream = openRunStream({ feed, store: storeOf(reads) });
    for (let i = 0; i < 10; i++) feed.notify({ id: 'run_a', workflowId: 'wf_1' });
    const text = await collect(stream.body, (t) => t.includes('event: run'));
    expect(reads).toEqual(['run_a']);
    expect(text).toContain('event: ready');
    expect(text).not.toContain('steps');
    stream.close();
    expect(feed.listeners).toBe(0);
  });

  it('past its bound of waiting changes, tells the client to reload instead of queueing more', async () => {
    const feed = createRunFeed();
    const reads: string[] = [];
    const stream = openRunStream({ feed, store: storeOf(reads), maxPending: 3 });
    for (let i = 0; i < 50; i++) feed.notify({ id: `run_${i}`, workflowId: 'wf_1' });
    const text = await collect(stream.body, (t) => t.includes('event: reset'));
    expect(text).toContain('event: reset');
    expect(reads.length).toBeLessThanOrEqual(3);
    stream.close();
  });

  it('ends when the feed closes (shutdown), and a stream opened after that ends at once', async () => {
    const feed = createRunFeed();
    const stream = openRunStream({ feed, store: storeOf([]) });
    feed.close();
    expect(stream.body.writableEnded).toBe(true);
    const late = openRunStream({ feed, store: storeOf([]) });
    expect(late.body.writableEnded).toBe(true);
  });
});
