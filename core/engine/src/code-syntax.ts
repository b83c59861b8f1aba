/**
 * Finds syntax errors in a code step's code when the workflow is saved. The code is compiled
 * by the same engine that runs it (QuickJS), compile-only, so nothing of it runs here even if
 * it tries to close the function it is wrapped in.
 */
import { getQuickJS } from 'quickjs-emscripten';

/** A syntax error, with its position in the step's code (1-based). */
export interface CodeSyntaxError {
  message: string;
  line: number;
  column?: number;
}

// Loaded once per process, before the first workflow is validated (validation is synchronous).
const quickjs = await getQuickJS();

function compileError(wrapped: string): CodeSyntaxError | null {
  const vm = quickjs.newContext();
  try {
    const result = vm.evalCode(wrapped, 'code.js', { type: 'global', compileOnly: true });
    if (!result.error) {
      result.value.dispose();
      return null;
    }
    const dumped = vm.dump(result.error) as { name?: string; message?: string; stack?: string };
    result.error.dispose();
    const at = /code\.js:(\d+)(?::(\d+))?/.exec(dumped.stack ?? '');
    const line = at ? Math.max(1, Number(at[1]) - 1) : 1;
    return {
      message: `${dumped.name ?? 'SyntaxError'}: ${dumped.message ?? 'invalid code'}`,
      line,
      ...(at?.[2] ? { column: Number(at[2]) } : {}),
    };
  } finally {
    vm.dispose();
  }
}

/**
 * The first syntax error of `code` as the body of an async function of `input`, or null. The
 * code is compiled as an expression and as a declaration: code that closes the function early
 * to add statements after it cannot be valid in both.
 */
export function findCodeSyntaxError(code: string): CodeSyntaxError | null {
  return (
    compileError(`(async function (input) {\n${code}\n})`) ?? compileError(`async function step(input) {\n${code}\n}`)
  );
}
