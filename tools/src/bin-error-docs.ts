/** `npm run docs:errors`: writes docs/errors.md from the error registries. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ERROR_DOCS_PATH, renderErrorDocs } from './error-docs.ts';

const root = resolve(import.meta.dirname, '..', '..');
writeFileSync(join(root, ERROR_DOCS_PATH), renderErrorDocs());
process.stdout.write(`wrote ${ERROR_DOCS_PATH}\n`);
