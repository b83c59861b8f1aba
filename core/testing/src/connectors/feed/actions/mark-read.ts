/** Action `mark-read`: `POST /items/:id/read` with an optional note. Marking twice has no further effect. */
import { defineAction } from '@wireup/sdk';
import { feedRequest } from '../client.ts';

export const markRead = defineAction<{ id: string; note?: string }, { id: string; read: boolean; note: unknown }>({
  key: 'mark-read',
  displayName: 'Mark item read',
  description: 'Marks a feed item as read, with an optional note.',
  idempotent: true,
  inputSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: { id: { type: 'string', minLength: 1 }, note: { type: 'string' } },
  },
  outputSchema: { type: 'object', properties: { id: { type: 'string' }, read: { type: 'boolean' }, note: {} } },
  sample: { id: 'item_1', read: true, note: 'seen' },
  run: async (ctx) =>
    feedRequest(ctx, 'POST', `/items/${encodeURIComponent(ctx.input.id)}/read`, { note: ctx.input.note }) as Promise<{
      id: string;
      read: boolean;
      note: unknown;
    }>,
});
