/** `/v1/runs`: list (by workflow, by status: `status=failed` is the dead-letter list), live updates, read with steps, replay. */
import type { FastifyInstance } from 'fastify';
import { runStatuses, type RunStatus } from '@wireup/store';
import type { AppDeps } from '../app-deps.ts';
import { routeSchemas as schemas } from '../route-schemas.ts';
import { NotFoundError, RequestInvalidError, TooManyStreamsError } from '../errors.ts';
import { limits } from '../limits.ts';
import { openRunStream } from '../run-stream.ts';

const statuses: readonly RunStatus[] = runStatuses;

export async function runRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{
    Querystring: { workflow?: string; status?: string; limit?: number; before?: string; test?: 'true' | 'false' };
  }>('/v1/runs', { schema: schemas.listRuns }, async (request) => {
    const { workflow, status, limit, before, test } = request.query;
    const wanted = status ? status.split(',') : undefined;
    const bad = wanted?.find((s) => !statuses.includes(s as RunStatus));
    if (bad)
      throw new RequestInvalidError('Unknown run status', [
        { path: '/status', message: `"${bad}" is not a run status`, fix: `use ${statuses.join(', ')}` },
      ]);
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500)
      throw new RequestInvalidError('Bad limit', [
        { path: '/limit', message: 'must be a whole number from 1 to 500', fix: 'give e.g. limit=50' },
      ]);
    const runs = await deps.store.runs.list({
      workflowId: workflow,
      status: wanted as RunStatus[] | undefined,
      limit: n,
      before,
      ...(test === undefined ? {} : { test: test === 'true' }),
    });
    return {
      data: runs.map(({ steps: _steps, ...summary }) => summary),
      next: runs.length === n ? runs[runs.length - 1].id : null,
    };
  });

  // Streams end before the server closes (it would otherwise wait for them), and when the client goes away.
  app.addHook('preClose', async () => deps.runFeed.close());
  app.get<{ Querystring: { workflow?: string; run?: string } }>(
    '/v1/runs/stream',
    { schema: schemas.streamRuns },
    async (request, reply) => {
      if (deps.runFeed.listeners >= limits.runStreams) throw new TooManyStreamsError(limits.runStreams);
      const stream = openRunStream({
        feed: deps.runFeed,
        store: deps.store,
        workflow: request.query.workflow,
        run: request.query.run,
        maxPending: limits.runStreamPending,
      });
      reply.raw.on('close', stream.close);
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no')
        .send(stream.body);
    },
  );

  app.get<{ Params: { id: string } }>('/v1/runs/:id', { schema: schemas.getRun }, async (request) => {
    const run = await deps.store.runs.get(request.params.id);
    if (!run) throw new NotFoundError('Run', request.params.id);
    return run;
  });

  app.post<{ Params: { id: string } }>('/v1/runs/:id/replay', { schema: schemas.replayRun }, async (request, reply) => {
    const run = await deps.engine.replayRun(request.params.id);
    return reply.code(202).send(run);
  });
}
