/** Trigger `new-item`: polls `GET /items?since=<cursor>`; the cursor is the seq of the last item seen. */
import { definePollingTrigger, type PollResult } from '@wireup/sdk';
import { feedRequest } from '../client.ts';

interface ItemsPage {
  items: Array<{ id: string; [field: string]: unknown }>;
  next: string;
  hasMore: boolean;
}

export const newItem = definePollingTrigger({
  key: 'new-item',
  displayName: 'New item',
  description: 'When an item is added to the feed.',
  pollIntervalSeconds: 10,
  outputSchema: {
    type: 'object',
    required: ['id', 'seq', 'title'],
    properties: {
      id: { type: 'string' },
      seq: { type: 'integer' },
      title: { type: 'string' },
      createdAt: { type: 'string' },
    },
  },
  sample: { id: 'item_1', seq: 1, title: 'Hello', createdAt: '2025-01-01T00:00:00.000Z' },
  async poll(ctx): Promise<PollResult> {
    const query = new URLSearchParams({ limit: '50', ...(ctx.cursor === null ? {} : { since: ctx.cursor }) });
    const page = (await feedRequest(ctx, 'GET', `/items?${query}`)) as ItemsPage;
    return {
      items: page.items.map((item) => ({ id: item.id, payload: item })),
      cursor: page.next,
      hasMore: page.hasMore,
    };
  },
});
