/**
 * What keeps a valid manifest from being published or shown on public pages: text a user reads
 * (names and descriptions) that still holds a placeholder, such as the `TODO(<name>): …`
 * description the connector scaffold writes. A scaffolded connector is valid (its own tests
 * pass straight away) but not finished; `wireup connectors validate`, `wireup connector
 * publish` and the pair pages ask this as well.
 */
import type { ValidationProblem } from './errors.ts';
import type { ConnectorManifest } from './generated/manifest.ts';

/** A `TODO` word, as the scaffold writes it (`TODO(acme-crm): …`) or by hand (`TODO: …`). */
const PLACEHOLDER = /\bTODO\b/;

interface Named {
  displayName?: string;
  description?: string;
}

function check(problems: ValidationProblem[], path: string, item: Named, where: string): void {
  for (const field of ['displayName', 'description'] as const) {
    const text = item[field];
    if (typeof text === 'string' && PLACEHOLDER.test(text)) {
      problems.push({
        path: `${path}/${field}`,
        message: `still holds a placeholder: "${text}"`,
        fix: `write the real ${field === 'description' ? 'description' : 'name'} ${where}, then run \`npm run codegen\``,
      });
    }
  }
}

/**
 * Placeholders left in a manifest's public text (connector, triggers, actions, recipes).
 * Empty when it may be published; call it on a manifest `validateManifest` accepted.
 */
export function publishingProblems(manifest: ConnectorManifest): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  check(problems, '', manifest, 'in src/connector.ts');
  manifest.triggers.forEach((t, i) =>
    check(problems, `/triggers/${i}`, t, `in the trigger "${t.key}" (src/triggers/)`),
  );
  manifest.actions.forEach((a, i) => check(problems, `/actions/${i}`, a, `in the action "${a.key}" (src/actions/)`));
  (manifest.recipes ?? []).forEach((r, i) => check(problems, `/recipes/${i}`, r, `in the recipe "${r.key}"`));
  return problems;
}
