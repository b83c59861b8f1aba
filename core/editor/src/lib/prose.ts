/**
 * Manifest descriptions mark code with backticks (`data.object`, `failure_code`). The pair
 * pages render those as code; the editor does the same through ProseText, without HTML: the
 * text is split into plain and code parts, each rendered as text.
 */

/** One run of a description: plain text, or the inside of a `code` span. */
export interface ProsePart {
  text: string;
  code: boolean;
}

/** `text` split at its backtick pairs; an unpaired backtick stays as it is. */
export function proseParts(text: string): ProsePart[] {
  const parts: ProsePart[] = [];
  const span = /`([^`\n]+)`/g;
  let last = 0;
  for (const match of text.matchAll(span)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), code: false });
    parts.push({ text: match[1], code: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), code: false });
  return parts;
}
