/** The OpenAI connector's own errors (the others come from @wireup/sdk). */
import { formatProblems, defineErrorRegistry, WireupError, type ValidationProblem } from '@wireup/sdk';

/** The model's answer was not JSON, or did not match the JSON Schema, twice. Not retriable. */
export class AiOutputInvalidError extends WireupError {
  constructor(answer: string, problems: ValidationProblem[]) {
    const list = formatProblems(problems, { withFix: false });
    const shown = answer.length > 500 ? `${answer.slice(0, 500)}…` : answer;
    super(
      'AI_OUTPUT_INVALID',
      `The model's answer is not valid JSON for the step (asked twice): ${list}. Its last answer: ${shown}`,
      { statusCode: 422, details: { answer, problems } },
    );
  }
}

/** The codes the OpenAI connector raises besides the SDK's (docs/errors.md is generated from the registries). */
export const openaiErrors = defineErrorRegistry('openai connector', {
  AI_OUTPUT_INVALID: {
    status: null,
    shownIn: 'in step errors',
    meaning:
      "an AI step (or the `chat` action) with output `json` got an answer that is not JSON or does not match the step's schema, twice (it is asked again once with the problems); `details.answer` holds the last answer; not retried",
  },
});
