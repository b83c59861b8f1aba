/**
 * `/v1/dead-letters`: bus messages that failed their last allowed delivery (WIREUP_MAX_DELIVERIES),
 * with the last error; replay puts one back on its topic. Failed *runs* are `GET /v1/runs?status=failed`.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { routeSchemas as schemas } from '../route-schemas.ts';
import { NotFoundError } from '../errors.ts';

export async function deadLetterRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{ Querystring: { limit?: number; before?: string } }>(
    '/v1/dead-letters',
    { schema: schemas.listDeadLetters },
    async (request) => {
      const { limit = 50, before } = request.query;
      const letters = await deps.store.deadLetters.list({ limit, before });
      return { data: letters, next: letters.length === limit ? letters[letters.length - 1].id : null };
    },
  );

  app.get<{ Params: { id: string } }>('/v1/dead-letters/:id', { schema: schemas.getDeadLetter }, async (request) => {
    const letter = await deps.store.deadLetters.get(request.params.id);
    if (!letter) throw new NotFoundError('Dead letter', request.params.id);
    return letter;
  });

  app.post<{ Params: { id: string } }>(
    '/v1/dead-letters/:id/replay',
    { schema: schemas.replayDeadLetter },
    async (request, reply) => {
      const letter = await deps.engine.replayDeadLetter(request.params.id);
      return reply.code(202).send({ replayed: letter });
    },
  );
}
