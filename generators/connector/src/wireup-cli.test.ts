import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempWorkspace, npx, type TempWorkspace } from './testing/temp-workspace.ts';

const wireup = (ws: TempWorkspace, ...args: string[]) =>
  npx(['tsx', 'core/server/src/cli/wireup.ts', ...args], ws.root);

describe('`wireup connector new`', () => {
  let ws: TempWorkspace;
  beforeAll(async () => {
    ws = await createTempWorkspace();
  });
  afterAll(async () => ws?.remove());

  it('scaffolds into the workspace it runs in, lists the files and the next steps', async () => {
    const run = await wireup(ws, 'connector', 'new', 'cli-made', '--display-name', 'CLI Made');
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('Created connectors/cli-made (@wireup/connector-cli-made)');
    expect(run.output).toContain('connectors/cli-made/src/connector.ts');
    expect(run.output).toContain('connectors/cli-made/manifest.json');
    expect(run.output).toMatch(
      /Next steps:[\s\S]*npm install[\s\S]*installed-connectors\.ts[\s\S]*docs\/authoring-connectors\.md/,
    );
    const manifest = JSON.parse(await readFile(join(ws.root, 'connectors/cli-made/manifest.json'), 'utf8'));
    expect(manifest.displayName).toBe('CLI Made');
  });

  it('answers a refusal with one clear line and exit code 1', async () => {
    for (const [args, message] of [
      [['Bad_Name'], /not kebab-case/],
      [['cli-made'], /already exists/],
      [[], /Give the connector a name/],
      [['ok-name', '--colour', 'red'], /unknown option --colour/],
    ] as const) {
      const run = await wireup(ws, 'connector', 'new', ...args);
      expect(run.code, run.output).toBe(1);
      expect(run.output.trim().split('\n')).toHaveLength(1);
      expect(run.output).toMatch(message);
    }
    expect(await ws.connectorEntries()).toEqual(['cli-made']);
  });
});
