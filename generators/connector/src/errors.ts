/**
 * Errors of the connector scaffold. Each says what was refused and what to do instead; none
 * is retriable, since running the same scaffold again gives the same answer.
 */
import { defineErrorRegistry, WireupError } from '@wireup/sdk';

/** The connector name is not a kebab-case id (or the display name cannot be used). */
export class ConnectorNameInvalidError extends WireupError {
  constructor(message: string) {
    super('CONNECTOR_NAME_INVALID', message, { statusCode: 400 });
  }
}

/** `connectors/<name>/` already exists: the scaffold never writes over a folder. */
export class ConnectorExistsError extends WireupError {
  constructor(name: string, directory: string) {
    super(
      'CONNECTOR_EXISTS',
      `Connector "${name}" already exists at ${directory}: pick another name or delete that folder first.`,
      { statusCode: 409 },
    );
  }
}

/** The folder given as the workspace root does not look like the Wireup workspace. */
export class WorkspaceNotFoundError extends WireupError {
  constructor(message: string) {
    super('WORKSPACE_NOT_FOUND', message, { statusCode: 400 });
  }
}

/** The codes `wireup connector new` raises (docs/errors.md is generated from the registries). */
export const connectorGeneratorErrors = defineErrorRegistry('connector generator', {
  CONNECTOR_NAME_INVALID: {
    status: null,
    shownIn: 'CLI exit 1',
    meaning: "the new connector's name is not kebab-case (a suggestion is given)",
  },
  CONNECTOR_EXISTS: { status: null, shownIn: 'CLI exit 1', meaning: '`connectors/<name>/` already exists' },
  WORKSPACE_NOT_FOUND: { status: null, shownIn: 'CLI exit 1', meaning: 'the folder is not a Wireup workspace' },
});
