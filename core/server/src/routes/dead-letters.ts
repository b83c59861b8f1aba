/**
 * `/v1/dead-letters`: bus messages that failed their last allowed delivery (WIREUP_MAX_DELIVERIES),
 * with the last error; replay puts one back on its topic. Failed *runs* are `GET /v1/runs?status=failed`.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { NotFoundError, RequestInvalidError } from '../errors.ts';

export async function deadLetterRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{ Querystring: { limit?: string; before?: string } }>('/v1/dead-letters', async (request) => {
    const { limit, before } = request.query;
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) throw new RequestInvalidError('Bad limit', [{ path: '/limit', message: 'must be a whole number from 1 to 500', fix: 'give e.g. limit=50' }]);
    if (before !== undefined && typeof before !== 'string') throw new RequestInvalidError('Bad before', [{ path: '/before', message: 'must be one dead-letter id', fix: 'give the `next` of the previous page once' }]);
    const letters = await deps.store.deadLetters.list({ limit: n, before });
    return { data: letters, next: letters.length === n ? letters[letters.length - 1].id : null };
  });

  app.get<{ Params: { id: string } }>('/v1/dead-letters/:id', async (request) => {
    const letter = await deps.store.deadLetters.get(request.params.id);
    if (!letter) throw new NotFoundError('Dead letter', request.params.id);
    return letter;
  });

  app.post<{ Params: { id: string } }>('/v1/dead-letters/:id/replay', async (request, reply) => {
    const letter = await deps.engine.replayDeadLetter(request.params.id);
    return reply.code(202).send({ replayed: letter });
  });
}
