/**
 * Testing a workflow without the provider (docs/testing-workflows.md):
 * - `POST /v1/workflows/:id/test` runs the draft (or the published version) on the trigger's
 *   sample or a past event, as a run marked `test: true`;
 * - `POST /v1/workflows/:id/steps/:stepId/test` runs one step of the draft alone, reading the
 *   pinned outputs of the others, and answers its output or error;
 * - `GET /v1/workflows/:id/test-event` waits for the next event delivered to the workflow's
 *   webhook URL ("listen for a test event").
 * Test runs go through the bus and the executor like real runs: their actions call the real apps.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { triggersFor, WorkflowInvalidError } from '@wireup/engine';
import type { EventRecord, WorkflowDocument, WorkflowRecord } from '@wireup/store';
import type { AppDeps } from '../app-deps.ts';
import { testRouteSchemas as schemas } from '../test-route-schemas.ts';
import { NotFoundError, WorkflowNotPublishedError } from '../errors.ts';
import { awaitRun, isFinished } from '../await-run.ts';
import { findStep, pinnedOutputs, problemsOfStep, testTriggerOf } from '../test-inputs.ts';

type Params = { id: string };
type TestBody = { eventId?: string; published?: boolean; waitMs?: number } | undefined;
type StepTestBody = { eventId?: string; waitMs?: number } | undefined;

/** Aborted when the connection closes before the answer is sent (the client went away), so a wait ends with it. */
function closedSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => controller.abort());
  return controller.signal;
}

export async function workflowTestRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const load = async (id: string): Promise<WorkflowRecord> => {
    const record = await deps.store.workflows.get(id);
    if (!record) throw new NotFoundError('Workflow', id);
    return record;
  };

  /** The document and version to test: the published version's, or the draft when it is valid. */
  const testedDocument = async (
    record: WorkflowRecord,
    published: boolean,
  ): Promise<{ document: WorkflowDocument; version: number }> => {
    if (published) {
      const version =
        record.publishedVersion === null
          ? null
          : await deps.store.workflows.getVersion(record.id, record.publishedVersion);
      if (!version) throw new WorkflowNotPublishedError(record.id);
      return { document: version.document, version: version.version };
    }
    const problems = await deps.workflows.problems(record.draft);
    if (problems.length) throw new WorkflowInvalidError(problems);
    return { document: record.draft, version: 0 };
  };

  app.post<{ Params: Params; Body: TestBody }>(
    '/v1/workflows/:id/test',
    { schema: schemas.testWorkflow },
    async (request, reply) => {
      const { eventId, published = false, waitMs = 0 } = request.body ?? {};
      const record = await load(request.params.id);
      const { document, version } = await testedDocument(record, published);
      const { trigger } = testTriggerOf(deps.catalog, document, eventId);
      const queued = await deps.engine.testRun({ workflowId: record.id, document, version, trigger });
      const run = await awaitRun(deps.store, queued, waitMs, closedSignal(reply));
      return reply.code(isFinished(run) ? 200 : 202).send(run);
    },
  );

  app.post<{ Params: Params & { stepId: string }; Body: StepTestBody }>(
    '/v1/workflows/:id/steps/:stepId/test',
    { schema: schemas.testStep },
    async (request, reply) => {
      const { eventId, waitMs = 30_000 } = request.body ?? {};
      const record = await load(request.params.id);
      const found = findStep(record.draft.steps, request.params.stepId);
      if (!found) throw new NotFoundError('Step', `${request.params.stepId}" of workflow "${record.id}`);
      // Only what keeps this step from running stops the test: other steps may still be unfinished.
      const problems = problemsOfStep(await deps.workflows.problems(record.draft), found.pointer);
      if (problems.length) throw new WorkflowInvalidError(problems);
      const { trigger, source } = testTriggerOf(deps.catalog, record.draft, eventId);
      const document: WorkflowDocument = { ...record.draft, steps: [found.step] };
      const queued = await deps.engine.testRun({
        workflowId: record.id,
        document,
        version: 0,
        trigger,
        pinned: pinnedOutputs(record.draft, found.step.id),
      });
      const run = await awaitRun(deps.store, queued, waitMs, closedSignal(reply));
      const step = run.steps.find((s) => s.id === found.step.id);
      return reply.code(isFinished(run) ? 200 : 202).send({ run, ...(step ? { step } : {}), trigger: source });
    },
  );

  app.get<{ Params: Params; Querystring: { timeoutMs?: number } }>(
    '/v1/workflows/:id/test-event',
    { schema: schemas.testEvent },
    async (request, reply) => {
      const record = await load(request.params.id);
      const { connector: name, trigger: key, connection } = record.draft.trigger;
      const connector = deps.catalog.get(name);
      const fires = (event: EventRecord): boolean =>
        event.connectionId === connection &&
        event.connector === name &&
        connector !== undefined &&
        triggersFor(connector, event.type).includes(key);
      const event = await deps.testEvents.next(
        { connectionId: connection, accepts: fires },
        request.query.timeoutMs ?? 8_000,
        closedSignal(reply),
      );
      if (!event) return reply.code(204).send();
      return {
        event: { id: event.providerEventId, type: event.type, payload: event.payload, receivedAt: event.receivedAt },
      };
    },
  );
}
