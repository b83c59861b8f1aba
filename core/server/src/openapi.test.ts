/**
 * /openapi.json is generated from the routes' schemas: every route is in it, every operation
 * documents its errors in the one error shape, and the server answers what it documents
 * (405 with Allow for a known path, 400 in the error shape for a request the schema refuses).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';

describe('openapi.json', () => {
  let h: Harness;
  let doc: any;
  beforeAll(async () => {
    h = await startHarness();
    doc = await (await fetch(`${h.wireup.url}/openapi.json`)).json();
  });
  afterAll(async () => h?.close());

  it('is OpenAPI 3.1 and describes every route the server registers', () => {
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths as Record<string, object>).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const registered = h.wireup.app.routesSeen
      .filter((r) => r.url.startsWith('/v1/') || ['/healthz', '/metrics', '/openapi.json'].includes(r.url))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.length).toBeGreaterThan(18);
    expect(registered.filter((r) => !documented.has(r))).toEqual([]);
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/integrations') || p === '/{name}')).toEqual([]);
  });

  it('documents a success and the error shape for 400 on every operation, and 401 on every one that needs the token', () => {
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(methods)) {
        const codes = Object.keys(op.responses);
        if (path !== '/v1/webhooks/{hook}')
          expect(
            codes.some((c) => /^[23]/.test(c)),
            `${method} ${path}`,
          ).toBe(true);
        expect(op.responses['400']?.content['application/json'].schema.$ref, `${method} ${path}`).toBe(
          '#/components/schemas/Error',
        );
        const open = Array.isArray(op.security) && op.security.length === 0;
        expect(open || '401' in op.responses, `${method} ${path} needs the token but does not document 401`).toBe(true);
        for (const [name, parameter] of Object.entries(op.parameters ?? {}))
          expect((parameter as any).schema, `${method} ${path} parameter ${name}`).toBeDefined();
      }
    }
    expect(doc.components.schemas.WorkflowDocument.properties.steps.$ref).toBe(
      '#/components/schemas/WorkflowDocumentSteps',
    );
  });

  it('answers 405 with Allow for a known path and an unknown method', async () => {
    for (const [method, path, allow] of [
      ['DELETE', '/v1/runs', 'GET, HEAD'],
      ['PATCH', '/v1/connections/x', 'GET, HEAD, PUT, DELETE'],
      ['GET', '/v1/webhooks/stripe/tok', 'POST'],
      ['POST', '/healthz', 'GET, HEAD'],
      ['OPTIONS', '/v1/workflows', 'GET, HEAD, POST'],
    ]) {
      const res = await fetch(`${h.wireup.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(((await res.json()) as any).error.code).toBe('METHOD_NOT_ALLOWED');
    }
    const unknown = await fetch(`${h.wireup.url}/v1/nothing-here`, { method: 'DELETE' });
    expect(unknown.status).toBe(404);
  });

  it('refuses repeated or ill-typed query parameters with 400 in the error shape', async () => {
    for (const query of [
      'status=failed&status=queued',
      'before=a&before=b',
      'limit=abc',
      'limit=0',
      'status=nope',
      'workflow=a&workflow=b',
    ]) {
      const res = await h.api('GET', `/v1/runs?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('INVALID_REQUEST');
      expect(res.body.error.details[0].path, query).toMatch(/^\/querystring\//);
    }
    expect((await h.api('GET', '/v1/runs?status=failed,queued&limit=5')).status).toBe(200);
  });

  it('answers a body that does not match the schema with 400 naming the field', async () => {
    const res = await h.api('POST', '/v1/connections', {
      connector: 'stripe',
      name: 'x',
      auth: { secretKey: 12 },
      extra: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_REQUEST');
    expect(res.body.error.details[0].path).toMatch(/^\/body/);
  });
});
