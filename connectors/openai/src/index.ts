/** @wireup/connector-openai: the OpenAI (and OpenAI-compatible) connector (default export) and its helpers. */
import openai from './connector.ts';

export default openai;
export { openai };
export {
  openaiClient,
  openaiBaseUrl,
  retryAfterMs,
  toOpenAiError,
  DEFAULT_OPENAI_BASE_URL,
  DEFAULT_OPENAI_MODEL,
} from './client.ts';
export { runChat, parseAnswer } from './chat.ts';
export { AiOutputInvalidError } from './errors.ts';
