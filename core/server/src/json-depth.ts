/**
 * Measures how deep a JSON text nests, in one linear pass and without parsing it, so a body
 * nested 60,000 levels is refused before anything (a parser, a connector, the store) recurses
 * over it.
 */

/** Where a JSON text first nests deeper than `max`: a JSON pointer to that value, or null when it does not. */
export function jsonTooDeepAt(text: string, max: number): string | null {
  // One frame per open container: its key (object) or index (array) so far.
  const path: Array<string | number> = [];
  let inString = false;
  let stringStart = 0;
  let lastString = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) {
        inString = false;
        lastString = text.slice(stringStart, i);
      }
      continue;
    }
    switch (c) {
      case 0x22:
        inString = true;
        stringStart = i + 1;
        break; // "
      case 0x3a:
        path[path.length - 1] = lastString.slice(0, 40);
        break; // : names the object member
      case 0x2c: {
        const top = path[path.length - 1];
        if (typeof top === 'number') path[path.length - 1] = top + 1;
        break;
      } // , next array item
      case 0x7b:
      case 0x5b: // { [
        if (path.length >= max) return `/${path.slice(0, 8).join('/')}${path.length > 8 ? '/…' : ''}`;
        path.push(c === 0x5b ? 0 : '');
        break;
      case 0x7d:
      case 0x5d:
        path.pop();
        break; // } ]
    }
  }
  return null;
}
