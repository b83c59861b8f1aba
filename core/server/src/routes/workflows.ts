/**
 * `/v1/workflows`: drafts are edited freely; publish copies the draft into an immutable
 * version, answers the webhookUrl to give the provider, and the version starts running.
 * Publish and unpublish keep the trigger connection's provider endpoint in line through the
 * webhook registrar (docs/webhook-registration.md): a registration failure leaves the
 * workflow unpublished.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { WorkflowDocument, WorkflowRecord } from '@wireup/store';
import type { AppDeps } from '../app-deps.ts';
import { bodyValidatedElsewhere } from '../body-validated-elsewhere.ts';
import { routeSchemas as schemas } from '../route-schemas.ts';
import { JsonTooDeepError, NotFoundError, WorkflowInvalidError, WorkflowPublishedError } from '../errors.ts';
import { sendError } from '../error-handler.ts';
import { checkWorkflowReferences } from '../workflow-references.ts';
import { createWebhookRegistrar } from '../webhook-registrar.ts';
import type { ValidationProblem } from '@wireup/sdk';
import { checkRevision, createSaveQueue, isPartial, outlineProblems, problemsOf } from '../workflow-drafts.ts';
import { pinnedDraft } from '../connector-pins.ts';
import { templateWarnings, type Workflow } from '@wireup/engine';

/** Publish's `warnings`: the registrar's, then the template warnings as lines; absent when there are none. */
function withTemplateWarnings(registration: string[], templates: ValidationProblem[]): { warnings?: string[] } {
  const all = [...registration, ...templates.map(warningLine)];
  return all.length ? { warnings: all } : {};
}

/**
 * The webhook URL of a published workflow's trigger: the trigger connection's one URL
 * (`<publicUrl>/v1/webhooks/<connector>/<token>`), the same one auto-registration gives the
 * provider and publish answers as `webhook.url`. The ingress also takes the older
 * `<connector>.trigger-<key>` form, which is no longer handed out.
 */
export async function webhookUrlOf(deps: AppDeps, document: WorkflowDocument): Promise<string | undefined> {
  // Polling triggers fetch from the app themselves: there is no URL to give it.
  if (deps.catalog.get(document.trigger.connector)?.triggers.get(document.trigger.trigger)?.strategy === 'polling') return undefined;
  const connection = await deps.store.connections.get(document.trigger.connection);
  if (!connection) return undefined;
  return `${deps.config.publicUrl}/v1/webhooks/${document.trigger.connector}/${connection.webhookToken}`;
}

/** Template paths the trigger's or earlier steps' output schemas do not have (`{{trigger.data.nmae}}`): warnings, not errors. */
const warningsOf = (deps: AppDeps, document: WorkflowDocument): ValidationProblem[] => templateWarnings(document as unknown as Workflow, deps.catalog);
/** A template warning as a line of publish's `warnings`. */
const warningLine = (w: ValidationProblem): string => `${w.path}: ${w.message} (${w.fix})`;

async function view(deps: AppDeps, record: WorkflowRecord, problems?: ValidationProblem[]) {
  const published = record.publishedVersion === null ? null : await deps.store.workflows.getVersion(record.id, record.publishedVersion);
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

async function validated(deps: AppDeps, body: unknown): Promise<WorkflowDocument> {
  const problems = deps.engine.validateWorkflow(body);
  if (problems.length) throw new WorkflowInvalidError(problems);
  const document = body as WorkflowDocument;
  const references = await checkWorkflowReferences(deps.store, document);
  if (references.length) throw new WorkflowInvalidError(references);
  return document;
}

export async function workflowRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const load = async (id: string) => {
    const record = await deps.store.workflows.get(id);
    if (!record) throw new NotFoundError('Workflow', id);
    return record;
  };
  const registrar = createWebhookRegistrar(deps);
  // A workflow document nested too deep for the body parser is an invalid workflow (422), like any other limit.
  app.setErrorHandler(async (error, request, reply) => {
    if (!(error instanceof JsonTooDeepError)) return sendError(error, request, reply);
    const { path, maxDepth } = error.details as { path: string; maxDepth: number };
    return sendError(new WorkflowInvalidError([{ path, message: `nests deeper than ${maxDepth} levels`, fix: 'flatten the value' }]), request, reply);
  });
  const publishedDocument = async (record: WorkflowRecord) =>
    record.publishedVersion === null ? null : ((await deps.store.workflows.getVersion(record.id, record.publishedVersion))?.document ?? null);

  /** The document to store: fully valid, or (with `?partial=true`) at least outlined, with its problems. */
  const accepted = async (body: unknown, partial: boolean): Promise<{ document: WorkflowDocument; problems?: ValidationProblem[] }> => {
    if (!partial) return { document: await validated(deps, body) };
    const outline = outlineProblems(body);
    if (outline.length) throw new WorkflowInvalidError(outline);
    return { document: body as WorkflowDocument, problems: await problemsOf(deps, body) };
  };
  const oneAtATime = createSaveQueue();

  app.post('/v1/workflows', { schema: schemas.createWorkflow, validatorCompiler: bodyValidatedElsewhere }, async (request, reply) => {
    const { document, problems } = await accepted(request.body, isPartial(request.query));
    const record = await deps.store.workflows.create(`wf_${randomBytes(9).toString('base64url')}`, document);
    return reply.code(201).send(await savedView(deps, record, problems));
  });

  app.get('/v1/workflows', { schema: schemas.listWorkflows }, async () => ({ data: await Promise.all((await deps.store.workflows.list()).map((r) => view(deps, r))) }));

  app.get<{ Params: { id: string } }>('/v1/workflows/:id', { schema: schemas.getWorkflow }, async (request) => {
    const record = await load(request.params.id);
    return savedView(deps, record, await problemsOf(deps, record.draft));
  });

  app.put<{ Params: { id: string } }>('/v1/workflows/:id', { schema: schemas.updateWorkflow, validatorCompiler: bodyValidatedElsewhere }, async (request) => oneAtATime(request.params.id, async () => {
    const current = await load(request.params.id);
    // The body is judged before the precondition (RFC 9110 §13.2.1: a request refused anyway gets that answer, not 412).
    const { document, problems } = await accepted(request.body, isPartial(request.query));
    checkRevision(current, request.headers['if-match']);
    const record = await deps.store.workflows.updateDraft(request.params.id, document);
    return savedView(deps, record ?? (await load(request.params.id)), problems);
  }));

  app.delete<{ Params: { id: string } }>('/v1/workflows/:id', { schema: schemas.deleteWorkflow }, async (request, reply) => {
    const outcome = await deps.store.workflows.delete(request.params.id);
    if (outcome === 'missing') throw new NotFoundError('Workflow', request.params.id);
    if (outcome === 'published') throw new WorkflowPublishedError(request.params.id);
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/v1/workflows/:id/publish', { schema: schemas.publishWorkflow }, async (request) => {
    const record = await load(request.params.id);
    await validated(deps, record.draft);
    // Marketplace connectors are pinned to a version for the life of the published version.
    const draft = await pinnedDraft(deps, record);
    const { value: version, webhook, warnings } = await registrar.publish(record.id, draft, await publishedDocument(record), () => deps.store.workflows.publish(record.id));
    if (!version) throw new NotFoundError('Workflow', record.id);
    return {
      id: record.id, version: version.version, status: 'published', webhookUrl: await webhookUrlOf(deps, version.document),
      ...(webhook ? { webhook } : {}), ...withTemplateWarnings(warnings, warningsOf(deps, version.document)),
    };
  });

  app.get<{ Params: { id: string } }>('/v1/workflows/:id/versions', { schema: schemas.listWorkflowVersions }, async (request) => {
    const record = await load(request.params.id);
    const numbers = Array.from({ length: record.latestVersion }, (_, i) => record.latestVersion - i);
    const versions = (await Promise.all(numbers.map((n) => deps.store.workflows.getVersion(record.id, n)))).filter((v) => v !== null);
    return { data: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, running: v.version === record.publishedVersion })) };
  });

  app.get<{ Params: { id: string; version: number } }>('/v1/workflows/:id/versions/:version', { schema: schemas.getWorkflowVersion }, async (request) => {
    const version = await deps.store.workflows.getVersion(request.params.id, Number(request.params.version));
    if (!version) throw new NotFoundError('Workflow version', `${request.params.id} v${request.params.version}`);
    return { workflowId: version.workflowId, version: version.version, publishedAt: version.publishedAt, document: version.document };
  });

  app.post<{ Params: { id: string } }>('/v1/workflows/:id/unpublish', { schema: schemas.unpublishWorkflow }, async (request) => {
    const before = await load(request.params.id);
    const { value: record, warnings } = await registrar.unpublish(await publishedDocument(before), () => deps.store.workflows.unpublish(request.params.id));
    return { ...(await view(deps, record ?? (await load(request.params.id)))), ...(warnings.length ? { warnings } : {}) };
  });
}
