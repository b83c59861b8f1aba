/**
 * core/engine's error registry. Every class carries a stable `code`, an HTTP status for the
 * server's one error handler, and `retriable`, which the executor's retry policy reads.
 */
import { formatProblems, defineErrorRegistry, WireupError, type ValidationProblem } from '@wireup/sdk';

/** No connection has this webhook token, or the URL names another connector or trigger. */
export class UnknownWebhookError extends WireupError {
  constructor(
    message = 'No webhook is registered at this URL. Copy the webhook URL again from the published workflow.',
  ) {
    super('UNKNOWN_WEBHOOK', message, { statusCode: 404 });
  }
}

/** A workflow document does not match the workflow schema or the installed connectors. */
export class WorkflowInvalidError extends WireupError {
  readonly problems: ValidationProblem[];
  constructor(problems: ValidationProblem[]) {
    super('WORKFLOW_INVALID', `The workflow is invalid: ${formatProblems(problems)}`, {
      statusCode: 422,
      details: problems,
    });
    this.problems = problems;
  }
}

/** No workflow has this id. */
export class WorkflowNotFoundError extends WireupError {
  constructor(id: string) {
    super('NOT_FOUND', `Workflow "${id}" does not exist.`, { statusCode: 404 });
  }
}

/** A published workflow cannot be deleted: it must be unpublished first. */
export class WorkflowPublishedError extends WireupError {
  constructor(id: string) {
    super(
      'WORKFLOW_PUBLISHED',
      `Workflow "${id}" is published, so it cannot be deleted. Unpublish it first (POST /v1/workflows/${id}/unpublish), then delete it.`,
      { statusCode: 409, details: { workflow: id } },
    );
  }
}

/** No run has this id. */
export class RunNotFoundError extends WireupError {
  constructor(runId: string) {
    super('RUN_NOT_FOUND', `Run "${runId}" does not exist.`, { statusCode: 404 });
  }
}

/** Only failed runs can be replayed. */
export class RunNotReplayableError extends WireupError {
  constructor(runId: string, status: string) {
    super('RUN_NOT_REPLAYABLE', `Run "${runId}" is ${status}; only failed runs can be replayed.`, { statusCode: 409 });
  }
}

/** A step names a connection that does not exist, or one of another connector. */
export class ConnectionNotFoundError extends WireupError {
  constructor(message: string) {
    super('CONNECTION_NOT_FOUND', message, { statusCode: 400 });
  }
}

/** A step names a connector or action that is not installed (any more). */
export class ConnectorNotInstalledError extends WireupError {
  constructor(message: string) {
    super('CONNECTOR_NOT_INSTALLED', message, { statusCode: 400 });
  }
}

/** A step of a type this engine does not know (a workflow stored by a newer version of Wireup). */
export class StepNotSupportedError extends WireupError {
  constructor(stepId: string, type: string) {
    super('STEP_NOT_SUPPORTED', `Step "${stepId}" is of type "${type}", which this version of Wireup cannot run.`, {
      statusCode: 400,
    });
  }
}

/** A condition cannot be evaluated (e.g. a `matches` pattern that is not a valid regular expression). */
export class ConditionInvalidError extends WireupError {
  constructor(message: string) {
    super('CONDITION_INVALID', message, { statusCode: 400 });
  }
}

/** The run's trigger event is no longer in the store. */
export class EventMissingError extends WireupError {
  constructor(key: string) {
    super('EVENT_MISSING', `The trigger event "${key}" of this run is no longer stored.`, { statusCode: 500 });
  }
}

/** A test run names an event (by the provider's event id) that the workflow's trigger connection never received. */
export class EventNotFoundError extends WireupError {
  constructor(eventId: string, connectionId: string) {
    super(
      'EVENT_NOT_FOUND',
      `No event "${eventId}" was received on connection "${connectionId}". Give the id of an event delivered to this workflow's webhook URL (the runs list shows them as event.id), or leave eventId out to use the trigger's sample.`,
      { statusCode: 404, details: { eventId, connection: connectionId } },
    );
  }
}

/** A test run names an event of a type the workflow's trigger does not fire on. */
export class EventNotForTriggerError extends WireupError {
  constructor(eventId: string, type: string, trigger: string) {
    super(
      'EVENT_NOT_FOR_TRIGGER',
      `Event "${eventId}" is a ${type} event, which the trigger ${trigger} does not fire on. Choose an event this trigger fires on, or leave eventId out to use the trigger's sample.`,
      { statusCode: 422, details: { eventId, type, trigger } },
    );
  }
}

/** The engine is stopping: the message is left for redelivery and the run for recovery. */
export class EngineStoppingError extends WireupError {
  constructor() {
    super('ENGINE_STOPPING', 'The engine is stopping; the work will be picked up again after restart.', {
      statusCode: 503,
      retriable: true,
    });
  }
}

/** A polling trigger's `poll` returned something that is not a PollResult: the connector has a bug. */
export class PollResultInvalidError extends WireupError {
  constructor(connector: string, trigger: string, problem: string) {
    super(
      'POLL_RESULT_INVALID',
      `Trigger ${connector}.${trigger} returned an invalid poll result: ${problem}. Its cursor was not advanced; fix the connector's poll function.`,
      { statusCode: 500 },
    );
  }
}

/**
 * An action that is not safe to repeat (`idempotent: false`) failed after its request may have
 * reached the provider (a timeout, or the connection reset after the request was sent): whether
 * it took effect is unknown, so the engine did not repeat it.
 */
export class ActionOutcomeUnknownError extends WireupError {
  constructor(connector: string, action: string, cause: Error) {
    super(
      'ACTION_OUTCOME_UNKNOWN',
      `${connector}.${action} may or may not have taken effect (${cause.message}). The action is not safe to repeat, so it was not retried: check in ${connector} whether it happened, and replay the run only if it did not.`,
      { statusCode: 502, cause },
    );
  }
}

/** No dead letter has this id (it was replayed already, or never existed). */
export class DeadLetterNotFoundError extends WireupError {
  constructor(id: string) {
    super(
      'DEAD_LETTER_NOT_FOUND',
      `Dead letter "${id}" does not exist; it may have been replayed already (GET /v1/dead-letters lists them).`,
      { statusCode: 404 },
    );
  }
}

/** A code step ran past its time limit (the workflow's codeLimits.timeoutMs). Not retriable. */
export class CodeTimeoutError extends WireupError {
  constructor(stepId: string, timeoutMs: number) {
    super(
      'CODE_TIMEOUT',
      `The code of step "${stepId}" ran longer than its limit of ${timeoutMs} ms. Make it do less, or raise codeLimits.timeoutMs in the workflow.`,
      { statusCode: 422, details: { timeoutMs } },
    );
  }
}

/** A code step used more memory than its limit (codeLimits.memoryMb), or recursed too deep. Not retriable. */
export class CodeMemoryLimitError extends WireupError {
  constructor(stepId: string, memoryMb: number, reason: string) {
    super(
      'CODE_MEMORY_LIMIT',
      `The code of step "${stepId}" went over its memory limit of ${memoryMb} MB (${reason}). Make it hold less, or raise codeLimits.memoryMb in the workflow.`,
      { statusCode: 422, details: { memoryMb } },
    );
  }
}

/** A code step returned something that is not JSON, or too much of it. Not retriable. */
export class CodeOutputInvalidError extends WireupError {
  constructor(stepId: string, reason: string) {
    super(
      'CODE_OUTPUT_INVALID',
      `The code of step "${stepId}" returned an invalid output: ${reason} Return a JSON value (object, array, string, number, boolean or null).`,
      { statusCode: 422 },
    );
  }
}

/** A code step threw (or failed to compile); the message says where. Not retriable. */
export class CodeFailedError extends WireupError {
  constructor(stepId: string, message: string, position: { line?: number; column?: number } = {}) {
    const where =
      position.line === undefined
        ? ''
        : ` at line ${position.line}${position.column === undefined ? '' : `, column ${position.column}`}`;
    super('CODE_ERROR', `The code of step "${stepId}" threw${where}: ${message}`, {
      statusCode: 422,
      details: position,
    });
  }
}

/** The codes the engine raises, in API answers and in run and step errors (docs/errors.md is generated from the registries). */
export const engineErrors = defineErrorRegistry('engine', {
  UNKNOWN_WEBHOOK: {
    status: 404,
    meaning:
      "the webhook URL's connector or token matches no connection, or the URL is not `/v1/webhooks/<connector>[.trigger-<trigger>]/<token>` (use the `webhookUrl` publishing answered)",
  },
  WORKFLOW_INVALID: {
    status: 422,
    meaning: 'the workflow document is invalid or over a limit (docs/limits.md); `details` names each field',
  },
  NOT_FOUND: { status: 404, meaning: 'the workflow to publish, unpublish or delete does not exist' },
  WORKFLOW_PUBLISHED: {
    status: 409,
    meaning: '`DELETE /v1/workflows/:id` of a published workflow: unpublish it first',
  },
  RUN_NOT_FOUND: { status: 404, meaning: 'the run to replay does not exist' },
  RUN_NOT_REPLAYABLE: { status: 409, meaning: 'only failed runs can be replayed' },
  DEAD_LETTER_NOT_FOUND: {
    status: 404,
    meaning: 'no dead letter has this id (replayed already?); `GET /v1/dead-letters` lists them',
  },
  CONNECTION_NOT_FOUND: { status: 400, meaning: 'a run needs a connection that was deleted' },
  CONNECTOR_NOT_INSTALLED: { status: 400, meaning: 'a workflow or event names a connector that is not installed' },
  STEP_NOT_SUPPORTED: {
    status: 400,
    meaning: 'a step type this engine cannot run (a workflow stored by a newer version)',
  },
  CONDITION_INVALID: {
    status: 400,
    meaning:
      'a filter condition cannot be evaluated: a `matches` pattern RE2 refuses (backreference, lookaround) or over 500 characters, or a tested text over 10,000 characters',
  },
  EVENT_NOT_FOUND: {
    status: 404,
    meaning:
      "a test run (`POST /v1/workflows/:id/test`, step tests) names an `eventId` the workflow's trigger connection never received",
  },
  EVENT_NOT_FOR_TRIGGER: {
    status: 422,
    meaning: "a test run names an event of a type the workflow's trigger does not fire on",
  },
  TEST_RUN_MISSING: {
    status: null,
    shownIn: 'in run errors',
    meaning: 'what a test run ran on (its document and sample, kept beside it) is no longer stored',
  },
  EVENT_MISSING: { status: 500, meaning: "a run's event is no longer stored" },
  ENGINE_STOPPING: { status: 503, meaning: 'the engine is shutting down; the work is retried after restart' },
  POLL_RESULT_INVALID: {
    status: null,
    shownIn: 'in the log',
    meaning:
      "a polling trigger's `poll` returned something that is not `{items, cursor}` with an id per item; its cursor was not advanced (fix the connector)",
  },
  CODE_TIMEOUT: {
    status: null,
    shownIn: 'in step errors',
    meaning: 'a code step ran past its time limit (`codeLimits.timeoutMs`, default 1 s); not retried',
  },
  CODE_MEMORY_LIMIT: {
    status: null,
    shownIn: 'in step errors',
    meaning:
      'a code step went over its memory limit (`codeLimits.memoryMb`, default 32 MB) or recursed too deep; not retried',
  },
  CODE_OUTPUT_INVALID: {
    status: null,
    shownIn: 'in step errors',
    meaning:
      'a code step returned something that is not JSON (a function, a BigInt, a cycle), or more than `codeLimits.outputKb`; not retried',
  },
  CODE_ERROR: {
    status: null,
    shownIn: 'in step errors',
    meaning: "a code step threw; the message gives the error with its line and column in the step's code; not retried",
  },
  ACTION_CRASHED: { status: null, shownIn: 'in step errors', meaning: 'a connector threw an unexpected error' },
  ACTION_OUTCOME_UNKNOWN: {
    status: null,
    shownIn: 'in step errors',
    meaning:
      'an action that is not safe to repeat (`idempotent: false`) failed after its request was sent (timeout, connection reset): it may or may not have happened, so it was not retried. Check at the provider; replay the run only if it did not happen',
  },
  WORKFLOW_VERSION_MISSING: { status: null, shownIn: 'in run errors', meaning: "the run's workflow version is gone" },
});
