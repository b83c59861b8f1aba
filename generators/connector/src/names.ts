/**
 * The names a scaffold is made of: the kebab-case connector name (its manifest `name`, folder
 * and package suffix) and the display name shown to people. Both end up inside TypeScript
 * string literals, JSON and Markdown, so they are checked before anything is written.
 */
import { ConnectorNameInvalidError } from './errors.ts';

/** The connector name's rule: the manifest's `name` pattern. */
export const connectorNamePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const maxNameLength = 50;
// Display names land in '…' literals and JSON strings: no quotes, backslashes, `${`, or markup.
const displayNamePattern = /^[\p{L}\p{N}][\p{L}\p{N} .,&+()!:/-]*$/u;

/** The values a template's placeholders are replaced with. */
export interface ConnectorNames {
  /** `__name__`: kebab-case, e.g. `acme-crm`. */
  name: string;
  /** `__displayName__`: e.g. `Acme CRM`. */
  displayName: string;
}

/** `acme-crm` → `Acme Crm`. */
export function defaultDisplayName(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

/** Throws ConnectorNameInvalidError unless `name` is a usable connector name. */
export function assertConnectorName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '') {
    throw new ConnectorNameInvalidError('Give the connector a name, e.g. `wireup connector new acme-crm`.');
  }
  if (!connectorNamePattern.test(name)) {
    const suggestion = name
      .trim()
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^[^a-z]+|-+$/g, '');
    const hint = suggestion && connectorNamePattern.test(suggestion) ? ` Try "${suggestion}".` : '';
    throw new ConnectorNameInvalidError(
      `Connector name "${name}" is not kebab-case: use lowercase letters and digits separated by single hyphens, starting with a letter (e.g. "acme-crm").${hint}`,
    );
  }
  if (name.length > maxNameLength) {
    throw new ConnectorNameInvalidError(
      `Connector name "${name}" is ${name.length} characters long: keep it to ${maxNameLength}.`,
    );
  }
}

/** Validates the name (and display name, when given) and returns the placeholder values. */
export function connectorNames(name: unknown, displayName?: string): ConnectorNames {
  assertConnectorName(name);
  const shown = displayName?.trim() || defaultDisplayName(name);
  if (!displayNamePattern.test(shown) || shown.length > 80) {
    throw new ConnectorNameInvalidError(
      `Display name "${shown}" cannot be used: start with a letter or digit and use letters, digits, spaces and . , & + ( ) ! : / - only (at most 80 characters).`,
    );
  }
  return { name, displayName: shown };
}
