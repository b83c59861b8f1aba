/** Small wording helpers shared by the views. */

/**
 * A display name as it reads inside a sentence: "Charge Failed" becomes "charge failed", but
 * proper nouns given in `keep` ("Kustomer") and acronyms ("PDF", "URL") keep their case.
 */
export function inSentence(displayName: string, keep: string[] = []): string {
  return displayName
    .split(' ')
    .map((word) => (keep.includes(word) || (word.length > 1 && word === word.toUpperCase()) ? word : word.toLowerCase()))
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
