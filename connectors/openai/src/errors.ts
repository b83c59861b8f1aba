/** The OpenAI connector's own errors (the others come from @wireup/sdk). */
import { WireupError, type ValidationProblem } from '@wireup/sdk';

/** The model's answer was not JSON, or did not match the JSON Schema, twice. Not retriable. */
export class AiOutputInvalidError extends WireupError {
  constructor(answer: string, problems: ValidationProblem[]) {
    const list = problems.map((p) => `${p.path} ${p.message}`).join('; ');
    const shown = answer.length > 500 ? `${answer.slice(0, 500)}…` : answer;
    super('AI_OUTPUT_INVALID', `The model's answer is not valid JSON for the step (asked twice): ${list}. Its last answer: ${shown}`, { statusCode: 422, details: { answer, problems } });
  }
}
