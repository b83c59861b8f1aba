/**
 * Deleting a workflow over real HTTP: a published one is refused (409, unpublish first), an
 * unpublished one is gone (204, then 404), its runs stay listed, and /openapi.json lists the route.
 */
import { describe, expect, it } from 'vitest';
import { stripeEvent, failedCharge, postSigned } from '../testing/harness.ts';
import { useScenario } from '../testing/use-scenario.ts';
import { waitForRun } from '../testing/wait-for-run.ts';

describe('DELETE /v1/workflows/:id', () => {
  const { h, s } = useScenario();

  it('refuses a published workflow with 409 saying to unpublish first, and deletes nothing', async () => {
    const res = await h.api('DELETE', `/v1/workflows/${s.workflowId}`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'WORKFLOW_PUBLISHED',
      message: expect.stringMatching(/Unpublish it first \(POST \/v1\/workflows\/wf_\S+\/unpublish\)/),
      details: { workflow: s.workflowId },
    });
    expect((await h.api('GET', `/v1/workflows/${s.workflowId}`)).status).toBe(200);
  });

  it('deletes it once unpublished (204, then 404 everywhere); its runs stay listed', async () => {
    const event = stripeEvent('charge.failed', failedCharge({ id: 'ch_before_delete' }));
    expect((await postSigned(s.webhookUrl, JSON.stringify(event))).status).toBe(200);
    await waitForRun(h, s.workflowId, { status: 'succeeded' });
    expect((await h.api('POST', `/v1/workflows/${s.workflowId}/unpublish`)).status).toBe(200);

    const res = await h.api('DELETE', `/v1/workflows/${s.workflowId}`);
    expect(res.status).toBe(204);
    expect((await h.api('GET', `/v1/workflows/${s.workflowId}`)).status).toBe(404);
    expect((await h.api('GET', '/v1/workflows')).body.data.map((w: any) => w.id)).not.toContain(s.workflowId);
    expect((await h.api('DELETE', `/v1/workflows/${s.workflowId}`)).body.error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.api('POST', `/v1/workflows/${s.workflowId}/publish`)).status).toBe(404);
    const runs = (await h.api('GET', `/v1/runs?workflow=${s.workflowId}`)).body.data;
    expect(runs.map((r: any) => r.event.id)).toEqual([event.id]);
  });

  it('is in the OpenAPI document with its 204 and 409', async () => {
    const doc = (await h.api('GET', '/openapi.json')).body;
    const operation = doc.paths['/v1/workflows/{id}'].delete;
    expect(operation).toBeDefined();
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['204', '404', '409']));
  });
});
