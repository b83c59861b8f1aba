/**
 * Formats a scaffolded source file with the workspace's Prettier configuration, so a new
 * connector passes the repository's format check (`npm run format:check`) as written. Files
 * Prettier does not handle, and workspaces without a Prettier configuration, are left as they are.
 */
import { format, resolveConfig } from 'prettier';

const formatted = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** `content` of `path` (where it will live, inside the workspace) formatted as the workspace formats it. */
export async function formatSource(path: string, content: string): Promise<string> {
  if (!formatted.test(path)) return content;
  const config = await resolveConfig(path, { editorconfig: false });
  if (config === null) return content;
  return format(content, { ...config, filepath: path });
}
