/**
 * `/v1/workflows`: drafts are edited freely; publish, unpublish and delete are the engine's
 * workflow lifecycle (core/engine/src/workflow-lifecycle.ts: validation, provider webhook
 * registration, the store, then a domain event). Publish answers the webhookUrl to give the
 * provider; a registration failure leaves the workflow unpublished.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { WorkflowDocument, WorkflowRecord } from '@wireup/store';
import type { AppDeps } from '../app-deps.ts';
import { bodyValidatedElsewhere } from '../body-validated-elsewhere.ts';
import { routeSchemas as schemas } from '../route-schemas.ts';
import { templateWarnings, WorkflowInvalidError, type Workflow } from '@wireup/engine';
import { JsonTooDeepError, NotFoundError } from '../errors.ts';
import { sendError } from '../error-handler.ts';
import type { ValidationProblem } from '@wireup/sdk';
import { checkRevision, createSaveQueue, isPartial, outlineProblems } from '../workflow-drafts.ts';

/**
 * The webhook URL of a published workflow's trigger: the trigger connection's one URL
 * (`<publicUrl>/v1/webhooks/<connector>/<token>`), the same one auto-registration gives the
 * provider and publish answers as `webhook.url`. The ingress also takes the older
 * `<connector>.trigger-<key>` form, which is no longer handed out.
 */
export async function webhookUrlOf(deps: AppDeps, document: WorkflowDocument): Promise<string | undefined> {
  // Polling triggers fetch from the app themselves: there is no URL to give it.
  if (deps.catalog.get(document.trigger.connector)?.triggers.get(document.trigger.trigger)?.strategy === 'polling')
    return undefined;
  const connection = await deps.store.connections.get(document.trigger.connection);
  if (!connection) return undefined;
  return `${deps.config.publicUrl}/v1/webhooks/${document.trigger.connector}/${connection.webhookToken}`;
}

/** Template paths the trigger's or earlier steps' output schemas do not have (`{{trigger.data.nmae}}`): warnings, not errors. */
const warningsOf = (deps: AppDeps, document: WorkflowDocument): ValidationProblem[] =>
  templateWarnings(document as unknown as Workflow, deps.catalog);
/** A template warning as a line of publish's `warnings`. */
const warningLine = (w: ValidationProblem): string => `${w.path}: ${w.message} (${w.fix})`;

/** Publish's `warnings`: the registrar's, then the template warnings as lines; absent when there are none. */
function withTemplateWarnings(registration: string[], templates: ValidationProblem[]): { warnings?: string[] } {
  const all = [...registration, ...templates.map(warningLine)];
  return all.length ? { warnings: all } : {};
}

async function view(deps: AppDeps, record: WorkflowRecord, problems?: ValidationProblem[]) {
  const published =
    record.publishedVersion === null ? null : await deps.store.workflows.getVersion(record.id, record.publishedVersion);
  return {
    id: record.id,
    name: record.draft.name,
    status: record.publishedVersion === null ? 'draft' : 'published',
    publishedVersion: record.publishedVersion,
    latestVersion: record.latestVersion,
    draft: record.draft,
    webhookUrl: published ? await webhookUrlOf(deps, published.document) : undefined,
    /** Send it back as `If-Match` on PUT: a save based on an older revision is refused. */
    revision: record.updatedAt,
    ...(problems ? { problems } : {}),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** A workflow as saving (and reading) it answers: with the template warnings of its draft. */
async function savedView(deps: AppDeps, record: WorkflowRecord, problems?: ValidationProblem[]) {
  return { ...(await view(deps, record, problems)), warnings: warningsOf(deps, record.draft) };
}

export async function workflowRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const load = async (id: string) => {
    const record = await deps.store.workflows.get(id);
    if (!record) throw new NotFoundError('Workflow', id);
    return record;
  };
  // A workflow document nested too deep for the body parser is an invalid workflow (422), like any other limit.
  app.setErrorHandler(async (error, request, reply) => {
    if (!(error instanceof JsonTooDeepError)) return sendError(error, request, reply);
    const { path, maxDepth } = error.details as { path: string; maxDepth: number };
    return sendError(
      new WorkflowInvalidError([{ path, message: `nests deeper than ${maxDepth} levels`, fix: 'flatten the value' }]),
      request,
      reply,
    );
  });
  /** The document to store: fully valid, or (with `?partial=true`) at least outlined, with its problems. */
  const accepted = async (
    body: unknown,
    partial: boolean,
  ): Promise<{ document: WorkflowDocument; problems?: ValidationProblem[] }> => {
    if (!partial) return { document: await deps.workflows.validate(body) };
    const outline = outlineProblems(body);
    if (outline.length) throw new WorkflowInvalidError(outline);
    return { document: body as WorkflowDocument, problems: await deps.workflows.problems(body) };
  };
  const oneAtATime = createSaveQueue();

  app.post(
    '/v1/workflows',
    { schema: schemas.createWorkflow, validatorCompiler: bodyValidatedElsewhere },
    async (request, reply) => {
      const { document, problems } = await accepted(request.body, isPartial(request.query));
      const record = await deps.store.workflows.create(`wf_${randomBytes(9).toString('base64url')}`, document);
      return reply.code(201).send(await savedView(deps, record, problems));
    },
  );

  app.get('/v1/workflows', { schema: schemas.listWorkflows }, async () => ({
    data: await Promise.all((await deps.store.workflows.list()).map((r) => view(deps, r))),
  }));

  app.get<{ Params: { id: string } }>('/v1/workflows/:id', { schema: schemas.getWorkflow }, async (request) => {
    const record = await load(request.params.id);
    return savedView(deps, record, await deps.workflows.problems(record.draft));
  });

  app.put<{ Params: { id: string } }>(
    '/v1/workflows/:id',
    { schema: schemas.updateWorkflow, validatorCompiler: bodyValidatedElsewhere },
    async (request) =>
      oneAtATime(request.params.id, async () => {
        const current = await load(request.params.id);
        // The body is judged before the precondition (RFC 9110 §13.2.1: a request refused anyway gets that answer, not 412).
        const { document, problems } = await accepted(request.body, isPartial(request.query));
        checkRevision(current, request.headers['if-match']);
        const record = await deps.store.workflows.updateDraft(request.params.id, document);
        return savedView(deps, record ?? (await load(request.params.id)), problems);
      }),
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/workflows/:id',
    { schema: schemas.deleteWorkflow },
    async (request, reply) => {
      await deps.workflows.delete(request.params.id);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    '/v1/workflows/:id/publish',
    { schema: schemas.publishWorkflow },
    async (request) => {
      const { version, webhook, warnings } = await deps.workflows.publish(request.params.id);
      return {
        id: version.workflowId,
        version: version.version,
        status: 'published',
        webhookUrl: await webhookUrlOf(deps, version.document),
        ...(webhook ? { webhook } : {}),
        ...withTemplateWarnings(warnings, warningsOf(deps, version.document)),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/workflows/:id/versions',
    { schema: schemas.listWorkflowVersions },
    async (request) => {
      const record = await load(request.params.id);
      const numbers = Array.from({ length: record.latestVersion }, (_, i) => record.latestVersion - i);
      const versions = (await Promise.all(numbers.map((n) => deps.store.workflows.getVersion(record.id, n)))).filter(
        (v) => v !== null,
      );
      return {
        data: versions.map((v) => ({
          version: v.version,
          publishedAt: v.publishedAt,
          running: v.version === record.publishedVersion,
        })),
      };
    },
  );

  app.get<{ Params: { id: string; version: number } }>(
    '/v1/workflows/:id/versions/:version',
    { schema: schemas.getWorkflowVersion },
    async (request) => {
      const version = await deps.store.workflows.getVersion(request.params.id, Number(request.params.version));
      if (!version) throw new NotFoundError('Workflow version', `${request.params.id} v${request.params.version}`);
      return {
        workflowId: version.workflowId,
        version: version.version,
        publishedAt: version.publishedAt,
        document: version.document,
      };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/v1/workflows/:id/unpublish',
    { schema: schemas.unpublishWorkflow },
    async (request) => {
      const { record, warnings } = await deps.workflows.unpublish(request.params.id);
      return { ...(await view(deps, record)), ...(warnings.length ? { warnings } : {}) };
    },
  );
}
