/**
 * `wireup connector publish` on a freshly scaffolded connector: its manifest is valid, but the
 * description is still the scaffold's `TODO(<name>)`, so nothing is published (the registry is
 * never asked) and the refusal says which field and what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffoldConnector } from '@wireup/generators';
import { publishConnector } from './publish-connector.ts';
import type { RegistryClient } from './registry-client.ts';
import { tempWorkspace } from './testing/connector-fixtures.ts';

const untouchable: RegistryClient = new Proxy({} as RegistryClient, {
  get: (_, key) =>
    key === 'url'
      ? 'http://127.0.0.1:9'
      : () => {
          throw new Error(`the registry was asked (${String(key)})`);
        },
});

describe('publishing an unfinished connector', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  let dir: string;
  beforeAll(async () => {
    workspace = await tempWorkspace();
    ({ directory: dir } = await scaffoldConnector({ name: 'acme-crm', displayName: 'Acme CRM', root: workspace.root }));
  }, 120_000);
  afterAll(async () => workspace?.remove());

  it("is refused with CONNECTOR_UNFINISHED naming the scaffold's TODO description, before the registry is asked", async () => {
    const error = await publishConnector(dir, untouchable).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'CONNECTOR_UNFINISHED',
      statusCode: 422,
      details: [expect.objectContaining({ path: '/description', message: expect.stringContaining('TODO(acme-crm)') })],
    });
    expect((error as Error).message).toMatch(
      /is not ready to publish: \/description still holds a placeholder: "TODO\(acme-crm\): .*" \(fix: write the real description in src\/connector\.ts, then run `npm run codegen`\)/,
    );
  }, 60_000);
});
