/** "Did you mean" help for validation messages: known names, closest to the mistake first. */

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** A fix text listing the known names, the closest to `given` first (at most 10). */
export function oneOf(given: string, known: string[], none = 'none is available'): string {
  if (!known.length) return none;
  const sorted = [...known].sort((x, y) => distance(given, x) - distance(given, y) || x.localeCompare(y));
  const shown = sorted.slice(0, 10).join(', ');
  return `one of ${shown}${sorted.length > 10 ? ', …' : ''}`;
}
