/**
 * `/v1/connections`: create, list, read, update, delete. Secrets are sealed before they are
 * stored and never returned; creating or updating checks the credentials with the
 * connector's cheap test call unless the body says `"test": false`.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { WireupError, type Connector, type ConnectionAuth } from '@wireup/sdk';
import type { ConnectionRecord } from '@wireup/store';
import type { AppDeps } from '../app-deps.ts';
import { routeSchemas as schemas } from '../route-schemas.ts';
import {
  ConflictError,
  ConnectionSecretsRequiredError,
  ConnectionTestFailedError,
  NotFoundError,
  RequestInvalidError,
} from '../errors.ts';
import { checkAuth } from '../connection-auth.ts';
import { checkDestinations } from '../connection-destination.ts';
import { publishedWorkflowsUsing } from '@wireup/engine';

interface ConnectionBody {
  connector?: unknown;
  name?: unknown;
  auth?: unknown;
  test?: unknown;
}

/** The API's view of a connection: public auth fields and the names of the secret ones that are set. */
export function connectionView(record: ConnectionRecord, connector: Connector | undefined, deps: AppDeps) {
  const secretFields = (connector?.manifest.auth.fields ?? []).filter((f) => f.secret).map((f) => f.key);
  const sealed = deps.secretBox.open<Record<string, string>>(record.authCiphertext, record.id);
  return {
    id: record.id,
    connector: record.connector,
    name: record.name,
    auth: record.publicAuth,
    secrets: Object.fromEntries(secretFields.map((k) => [k, sealed[k] ? 'set' : 'unset'])),
    webhookUrl: connector?.webhook
      ? `${deps.config.publicUrl}/v1/webhooks/${record.connector}/${record.webhookToken}`
      : undefined,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

async function testCredentials(connector: Connector, auth: ConnectionAuth, deps: AppDeps): Promise<void> {
  if (!connector.testConnection) return;
  try {
    await connector.testConnection({
      auth,
      http: deps.http,
      settings: deps.config.connectorSettings[connector.manifest.name],
    });
  } catch (error) {
    const cause = error instanceof WireupError ? error.code : 'ERROR';
    // A provider (or a mock) may quote the submitted key back: never let a secret into the answer.
    const secrets = connector.manifest.auth.fields
      .filter((f) => f.secret)
      .map((f) => auth[f.key])
      .filter((v): v is string => Boolean(v && v.length >= 4));
    const message = secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), (error as Error).message);
    throw new ConnectionTestFailedError(connector.manifest.displayName, message, cause);
  }
}

export async function connectionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const connectorOf = (name: unknown): Connector => {
    const connector = typeof name === 'string' ? deps.catalog.get(name) : undefined;
    if (!connector)
      throw new RequestInvalidError('Unknown connector', [
        {
          path: '/connector',
          message: `"${String(name)}" is not installed`,
          fix: `use one of: ${deps.catalog
            .list()
            .map((c) => c.manifest.name)
            .join(', ')}`,
        },
      ]);
    return connector;
  };
  const load = async (id: string) => {
    const record = await deps.store.connections.get(id);
    if (!record) throw new NotFoundError('Connection', id);
    return record;
  };

  app.post<{ Body: ConnectionBody }>(
    '/v1/connections',
    { schema: schemas.createConnection },
    async (request, reply) => {
      const body = request.body ?? {};
      const connector = connectorOf(body.connector);
      const { problems, split } = checkAuth(connector.manifest, body.auth ?? {});
      problems.push(...checkDestinations(connector.manifest, split.all, {}, deps.config.egressAllowPrivate).problems);
      if (typeof body.name !== 'string' || !body.name.trim())
        problems.unshift({
          path: '/name',
          message: 'is required',
          fix: 'give the connection a name, e.g. "Stripe live"',
        });
      if (problems.length) throw new RequestInvalidError('The connection is invalid', problems);
      if (body.test !== false) await testCredentials(connector, split.all, deps);
      const now = new Date().toISOString();
      const id = `conn_${randomBytes(9).toString('base64url')}`;
      const record = await deps.store.connections.create({
        id,
        connector: connector.manifest.name,
        name: String(body.name).trim(),
        authCiphertext: deps.secretBox.seal(split.all, id),
        publicAuth: split.publicAuth,
        webhookToken: randomBytes(18).toString('base64url'),
        createdAt: now,
        updatedAt: now,
      });
      return reply.code(201).send(connectionView(record, connector, deps));
    },
  );

  app.get('/v1/connections', { schema: schemas.listConnections }, async () => {
    const records = await deps.store.connections.list();
    return { data: records.map((r) => connectionView(r, deps.catalog.get(r.connector), deps)) };
  });

  app.get<{ Params: { id: string } }>('/v1/connections/:id', { schema: schemas.getConnection }, async (request) => {
    const record = await load(request.params.id);
    return connectionView(record, deps.catalog.get(record.connector), deps);
  });

  app.put<{ Params: { id: string }; Body: ConnectionBody }>(
    '/v1/connections/:id',
    { schema: schemas.updateConnection },
    async (request) => {
      const record = await load(request.params.id);
      const connector = connectorOf(record.connector);
      const body = request.body ?? {};
      const previous = deps.secretBox.open<Record<string, string>>(record.authCiphertext, record.id);
      const { problems, split } = checkAuth(connector.manifest, body.auth ?? {}, previous);
      const given = (body.auth && typeof body.auth === 'object' ? body.auth : {}) as Record<string, unknown>;
      const destinations = checkDestinations(
        connector.manifest,
        split.all,
        given,
        deps.config.egressAllowPrivate,
        previous,
      );
      problems.push(...destinations.problems);
      if (body.name !== undefined && (typeof body.name !== 'string' || !body.name.trim()))
        problems.unshift({ path: '/name', message: 'must be a non-empty string', fix: 'give a name or leave it out' });
      if (body.connector !== undefined && body.connector !== record.connector)
        throw new ConflictError(
          `Connection "${record.id}" is a ${record.connector} connection; its connector cannot change: create a new connection for ${String(body.connector)}.`,
          { connector: record.connector },
        );
      if (problems.length) throw new RequestInvalidError('The connection update is invalid', problems);
      if (destinations.secretsRequired.length) throw new ConnectionSecretsRequiredError(destinations.secretsRequired);
      if (body.auth !== undefined && body.test !== false) await testCredentials(connector, split.all, deps);
      const updated = await deps.store.connections.update(record.id, {
        ...(typeof body.name === 'string' ? { name: body.name.trim() } : {}),
        authCiphertext: deps.secretBox.seal(split.all, record.id),
        publicAuth: split.publicAuth,
      });
      return connectionView(updated ?? record, connector, deps);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/connections/:id',
    { schema: schemas.deleteConnection },
    async (request, reply) => {
      const record = await load(request.params.id);
      const users = await publishedWorkflowsUsing(deps.store, record.id);
      if (users.length)
        throw new ConflictError(
          `Connection "${record.id}" is used by published workflows (${users.join(', ')}); unpublish them or point them at another connection first.`,
          { workflows: users },
        );
      await deps.store.connections.delete(record.id);
      return reply.code(204).send();
    },
  );
}
