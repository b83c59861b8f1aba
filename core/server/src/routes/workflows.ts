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
import type { ValidationProblem } from '@wireup/sdk';
import { NotFoundError, WorkflowChangedError, WorkflowInvalidError } from '../errors.ts';
import { checkWorkflowReferences } from '../workflow-references.ts';
import { createWebhookRegistrar } from '../webhook-registrar.ts';

/** The webhook URL of a published workflow's trigger. */
export async function webhookUrlOf(deps: AppDeps, document: WorkflowDocument): Promise<string | undefined> {
  // Polling triggers fetch from the app themselves: there is no URL to give it.
  if (deps.catalog.get(document.trigger.connector)?.triggers.get(document.trigger.trigger)?.strategy === 'polling') return undefined;
  const connection = await deps.store.connections.get(document.trigger.connection);
  if (!connection) return undefined;
  return `${deps.config.publicUrl}/v1/webhooks/${document.trigger.connector}.trigger-${document.trigger.trigger}/${connection.webhookToken}`;
}

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

/** Every problem of a document: schema and catalog first, then the connections it names. */
async function problemsOf(deps: AppDeps, body: unknown): Promise<ValidationProblem[]> {
  const problems = deps.engine.validateWorkflow(body);
  if (problems.length) return problems;
  return checkWorkflowReferences(deps.store, body as WorkflowDocument);
}

/**
 * A draft the editor may save while it is still being built (`?partial=true`): it must have the
 * document's outline (a name, a trigger's connector and key, steps with ids and types) but may
 * lack connections and inputs. Publish still validates everything.
 */
function outlineProblems(body: unknown): ValidationProblem[] {
  const b = body as { name?: unknown; trigger?: Record<string, unknown>; steps?: unknown } | null;
  const problems: ValidationProblem[] = [];
  if (!b || typeof b !== 'object' || Array.isArray(b)) return [{ path: '', message: 'is not a workflow document', fix: 'send {name, trigger, steps}' }];
  if (typeof b.name !== 'string') problems.push({ path: '/name', message: 'must be a string', fix: 'give the workflow a name' });
  if (!b.trigger || typeof b.trigger !== 'object' || typeof b.trigger.connector !== 'string' || typeof b.trigger.trigger !== 'string') {
    problems.push({ path: '/trigger', message: 'must name a connector and a trigger', fix: 'e.g. {"connector": "stripe", "trigger": "charge-failed"}' });
  }
  if (!Array.isArray(b.steps)) problems.push({ path: '/steps', message: 'must be an array', fix: 'give [] for no steps' });
  return problems;
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
  const publishedDocument = async (record: WorkflowRecord) =>
    record.publishedVersion === null ? null : ((await deps.store.workflows.getVersion(record.id, record.publishedVersion))?.document ?? null);

  /** The document to store: fully valid, or (with `?partial=true`) at least outlined; and its problems. */
  const accepted = async (body: unknown, partial: boolean): Promise<{ document: WorkflowDocument; problems?: ValidationProblem[] }> => {
    if (!partial) return { document: await validated(deps, body) };
    const outline = outlineProblems(body);
    if (outline.length) throw new WorkflowInvalidError(outline);
    return { document: body as WorkflowDocument, problems: await problemsOf(deps, body) };
  };
  const isPartial = (query: unknown) => (query as { partial?: string }).partial === 'true';
  // Saves of one workflow are taken one at a time, so a revision check and its write cannot interleave.
  const saving = new Map<string, Promise<unknown>>();
  const oneAtATime = <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const next = (saving.get(id) ?? Promise.resolve()).catch(() => undefined).then(work);
    saving.set(id, next);
    void next.catch(() => undefined).finally(() => { if (saving.get(id) === next) saving.delete(id); });
    return next;
  };

  app.post('/v1/workflows', async (request, reply) => {
    const { document, problems } = await accepted(request.body, isPartial(request.query));
    const record = await deps.store.workflows.create(`wf_${randomBytes(9).toString('base64url')}`, document);
    return reply.code(201).send(await view(deps, record, problems));
  });

  app.get('/v1/workflows', async () => ({ data: await Promise.all((await deps.store.workflows.list()).map((r) => view(deps, r))) }));

  app.get<{ Params: { id: string } }>('/v1/workflows/:id', async (request) => {
    const record = await load(request.params.id);
    return view(deps, record, await problemsOf(deps, record.draft));
  });

  app.put<{ Params: { id: string } }>('/v1/workflows/:id', async (request) => oneAtATime(request.params.id, async () => {
    const current = await load(request.params.id);
    const expected = request.headers['if-match'];
    if (typeof expected === 'string' && expected.replace(/^"|"$/g, '') !== current.updatedAt) {
      throw new WorkflowChangedError(`Workflow "${current.id}" was changed elsewhere (revision ${current.updatedAt}) after the revision this save is based on; reload it and make the change again.`, { revision: current.updatedAt });
    }
    const { document, problems } = await accepted(request.body, isPartial(request.query));
    const record = await deps.store.workflows.updateDraft(request.params.id, document);
    return view(deps, record ?? (await load(request.params.id)), problems);
  }));

  app.post<{ Params: { id: string } }>('/v1/workflows/:id/publish', async (request) => {
    const record = await load(request.params.id);
    await validated(deps, record.draft);
    const { value: version, webhook, warnings } = await registrar.publish(record.id, record.draft, await publishedDocument(record), () => deps.store.workflows.publish(record.id));
    if (!version) throw new NotFoundError('Workflow', record.id);
    return {
      id: record.id, version: version.version, status: 'published', webhookUrl: await webhookUrlOf(deps, version.document),
      ...(webhook ? { webhook } : {}), ...(warnings.length ? { warnings } : {}),
    };
  });

  app.post<{ Params: { id: string } }>('/v1/workflows/:id/unpublish', async (request) => {
    const before = await load(request.params.id);
    const { value: record, warnings } = await registrar.unpublish(await publishedDocument(before), () => deps.store.workflows.unpublish(request.params.id));
    return { ...(await view(deps, record ?? (await load(request.params.id)))), ...(warnings.length ? { warnings } : {}) };
  });
}
