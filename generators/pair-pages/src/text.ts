/** Small wording helpers shared by the views. */

/**
 * A display name as it reads inside a sentence: "Charge Failed" becomes "charge failed", but
 * proper nouns given in `keep` ("Kustomer") and acronyms ("PDF", "URL") keep their case.
 */
export function inSentence(displayName: string, keep: string[] = []): string {
  return displayName
    .split(' ')
    .map((word) =>
      keep.includes(word) || (word.length > 1 && word === word.toUpperCase()) ? word : word.toLowerCase(),
    )
    .join(' ');
}

/** "1 trigger", "10 triggers". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "a", "a and b", "a, b and c". */
export function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The first sentence of a description: up to the first `.` that ends a sentence (followed by a
 * space and a capital letter, outside code spans and brackets), or all of it. Never cut inside
 * a sentence, so nothing needs an ellipsis.
 */
export function firstSentence(text: string): string {
  let depth = 0;
  let code = false;
  for (let i = 0; i < text.length - 2; i++) {
    const c = text[i];
    if (c === '`') code = !code;
    else if (!code && c === '(') depth++;
    else if (!code && c === ')') depth = Math.max(0, depth - 1);
    else if (
      !code &&
      depth === 0 &&
      c === '.' &&
      text[i + 1] === ' ' &&
      /[A-Z]/.test(text[i + 2]) &&
      !/\b(e\.g|i\.e|etc)$/.test(text.slice(Math.max(0, i - 4), i))
    ) {
      return text.slice(0, i + 1);
    }
  }
  return text;
}

/** Shortens text to at most `max` characters on a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML and turns Markdown code spans (`data.object`) into `<code>` elements. Connector descriptions use them. */
export function textWithCode(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
  return escaped.includes('`') ? escaped.replace(/`([^`]+)`/g, '<code>$1</code>') : escaped;
}
