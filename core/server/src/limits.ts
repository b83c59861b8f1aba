/**
 * The server's input limits in one place (docs/limits.md lists them with the workflow limits,
 * which live in core/engine). Body size limits are configuration (`WIREUP_WEBHOOK_BODY_LIMIT`).
 */
import { workflowLimits } from '@wireup/engine';

export const limits = {
  /** Nesting of objects and arrays in any JSON body, API or webhook. */
  jsonDepth: 64,
  /** Largest API body, bytes (workflow documents are the largest). */
  apiBodyBytes: 1024 * 1024,
  /** Characters of a name (connection, workflow). */
  nameLength: workflowLimits.nameLength,
  /** Characters of any other string field. */
  stringLength: workflowLimits.stringLength,
  /** Characters of a path parameter or query value (ids, cursors). */
  idLength: 200,
  /** Live run streams (GET /v1/runs/stream) one process serves at once. */
  runStreams: 100,
  /** Changed runs waiting to be sent to one stream before it is told to reload instead. */
  runStreamPending: 200,
} as const;
