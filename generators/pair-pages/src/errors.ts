/**
 * The pair-page generator's error registry. Every error carries a stable `code` (documented in
 * the README) and `retriable` (always false: a build fails for a reason a person must fix).
 */
import { defineErrorRegistry, WireupError, type ValidationProblem } from '@wireup/sdk';

/** A connector's manifest.json could not be read or parsed, or does not match the manifest schema. */
export class ManifestUnreadableError extends WireupError {
  constructor(file: string, reason: string, problems: ValidationProblem[] = []) {
    super('PAIR_PAGES_MANIFEST_UNREADABLE', `Cannot use ${file}: ${reason}`, {
      statusCode: 400,
      details: problems.length ? problems : undefined,
    });
  }
}

/** Two manifests use the same connector name, so their pages would overwrite each other. */
export class DuplicateConnectorError extends WireupError {
  constructor(name: string) {
    super('PAIR_PAGES_DUPLICATE_CONNECTOR', `Two manifests are named "${name}": give each connector a unique name`, {
      statusCode: 400,
    });
  }
}

/** The build options are wrong (no outDir, a baseUrl that is not an absolute http(s) URL, ...). */
export class BuildOptionsError extends WireupError {
  constructor(message: string) {
    super('PAIR_PAGES_BAD_OPTIONS', message, { statusCode: 400 });
  }
}

/** A template is missing or does not compile. */
export class TemplateError extends WireupError {
  constructor(name: string, reason: string) {
    super('PAIR_PAGES_TEMPLATE', `Template "${name}": ${reason}`, { statusCode: 500 });
  }
}

/** The codes the pair-pages generator raises (docs/errors.md is generated from the registries). */
export const pairPagesErrors = defineErrorRegistry('pair-pages generator', {
  PAIR_PAGES_MANIFEST_UNREADABLE: {
    status: null,
    shownIn: 'build error',
    meaning: 'a connector manifest cannot be read or is invalid; the message names the file and each problem',
  },
  PAIR_PAGES_DUPLICATE_CONNECTOR: {
    status: null,
    shownIn: 'build error',
    meaning: 'two manifests have the same connector name',
  },
  PAIR_PAGES_BAD_OPTIONS: {
    status: null,
    shownIn: 'build error',
    meaning: 'the build options are invalid (the message says which)',
  },
  PAIR_PAGES_TEMPLATE: {
    status: null,
    shownIn: 'build error',
    meaning: 'a page template failed to render (a bug in the generator)',
  },
});
