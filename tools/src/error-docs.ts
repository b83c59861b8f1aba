/**
 * docs/errors.md, generated from the packages' error registries (each package's errors.ts):
 * `npm run docs:errors` writes it; tools/src/error-docs.test.ts fails when it is stale, or when
 * a package raises a code its registry does not list.
 */
import type { ErrorRegistry } from '@wireup/sdk';
import { serverErrors } from '../../core/server/src/errors.ts';
import { engineErrors } from '../../core/engine/src/errors.ts';
import { marketplaceErrors } from '../../marketplace/src/errors.ts';
import { sdkErrors } from '../../core/sdk/src/errors.ts';
import { stripeErrors } from '../../connectors/stripe/src/errors.ts';
import { openaiErrors } from '../../connectors/openai/src/errors.ts';
import { busErrors } from '../../core/bus/src/errors.ts';
import { storeErrors } from '../../core/store/src/errors.ts';
import { connectorGeneratorErrors } from '../../generators/connector/src/errors.ts';
import { pairPagesErrors } from '../../generators/pair-pages/src/errors.ts';

/** Every registry, with the source folder of its package (where its codes are raised). */
export const registries: ReadonlyArray<{ dir: string; registry: ErrorRegistry }> = [
  { dir: 'core/server/src', registry: serverErrors },
  { dir: 'core/engine/src', registry: engineErrors },
  { dir: 'marketplace/src', registry: marketplaceErrors },
  { dir: 'core/sdk/src', registry: sdkErrors },
  { dir: 'connectors/stripe/src', registry: stripeErrors },
  { dir: 'connectors/openai/src', registry: openaiErrors },
  { dir: 'core/bus/src', registry: busErrors },
  { dir: 'core/store/src', registry: storeErrors },
  { dir: 'generators/connector/src', registry: connectorGeneratorErrors },
  { dir: 'generators/pair-pages/src', registry: pairPagesErrors },
];

export const ERROR_DOCS_PATH = 'docs/errors.md';

const intro = `# Error codes

Every API error has one shape: \`{"error": {"code", "message", "details"?}}\`. The message says
what is wrong and what to do; \`details\` carries structured problems (\`path\`, \`message\`, \`fix\`)
where there are several. Errors raised by connectors and the engine carry \`retriable\`.

"Retried" and "not retried" below are about action steps. A polling trigger's failed poll, whatever
its code, keeps its cursor, is logged and is tried again after a pause that doubles with each
failure in a row (up to an hour; when rate-limited, at least the provider's wait, within that hour), so a connection
fixed meanwhile resumes by itself (core/engine/README.md, "Polling triggers").

Each package lists its codes in its \`errors.ts\` registry (\`defineErrorRegistry\`, @wireup/sdk);
this page is generated from them. A code without an HTTP status shows where it appears instead
(in a run's step errors, in the log, as a CLI exit).`;

/** The page: a generated-file notice, the introduction, one table row per package and code. */
export function renderErrorDocs(list = registries): string {
  const rows = list.flatMap(({ registry }) =>
    Object.entries(registry.codes).map(([code, entry]) => {
      const raisedBy = entry.shownIn ? `${registry.raisedBy} (${entry.shownIn})` : registry.raisedBy;
      return `| \`${code}\` | ${entry.status ?? '—'} | ${raisedBy} | ${entry.meaning.replace(/\|/g, '\\|')} |`;
    }),
  );
  return [
    "<!-- Generated from the packages' error registries (errors.ts) by `npm run docs:errors`; do not edit by hand. -->",
    intro,
    '',
    '| code | HTTP | raised by | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
