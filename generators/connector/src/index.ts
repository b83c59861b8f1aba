/**
 * @wireup/generators: the connector scaffold. `scaffoldConnector` is used by
 * `wireup connector new <name>`; the same templates back the Nx generator
 * (`nx g @wireup/generators:connector <name>`).
 */
export { scaffoldConnector, type ScaffoldOptions, type ScaffoldResult } from './scaffold-connector.ts';
export {
  connectorNames,
  assertConnectorName,
  defaultDisplayName,
  connectorNamePattern,
  type ConnectorNames,
} from './names.ts';
export { renderTemplates, templatesDir, type RenderedFile } from './templates.ts';
export { runConnectorCodegen } from './codegen-step.ts';
export { findWorkspaceRoot, assertWorkspaceRoot } from './workspace.ts';
export { ConnectorNameInvalidError, ConnectorExistsError, WorkspaceNotFoundError } from './errors.ts';
