/** Flattens a JSON Schema into the rows of a fields table: name, type, required, description. */

/** One row of a fields table. */
export interface FieldRow {
  /** Dotted path, `[]` marking array items: `data.object.customer`, `tags[]`. */
  name: string;
  type: string;
  required: boolean;
  description: string;
}

type Schema = Record<string, unknown>;

const MAX_DEPTH = 5;
const MAX_ROWS = 200;

function typeOf(s: Schema): string {
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (s.const !== undefined) return `always ${JSON.stringify(s.const)}`;
  const t = Array.isArray(s.type) ? s.type.join(' | ') : typeof s.type === 'string' ? s.type : undefined;
  if (t === 'array' && s.items && typeof s.items === 'object') return `array of ${typeOf(s.items as Schema)}`;
  if (t) return typeof s.format === 'string' ? `${t} (${s.format})` : t;
  for (const k of ['anyOf', 'oneOf'] as const)
    if (Array.isArray(s[k])) return (s[k] as Schema[]).map(typeOf).join(' | ');
  return s.properties ? 'object' : 'any';
}

/** Rows for every property of an object schema, nested objects and array items included (at most 200 rows). */
export function schemaFields(schema: unknown): FieldRow[] {
  const rows: FieldRow[] = [];
  const walk = (s: Schema, prefix: string, depth: number): void => {
    const properties = s.properties as Record<string, Schema> | undefined;
    if (!properties || depth > MAX_DEPTH) return;
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    for (const [key, child] of Object.entries(properties)) {
      if (rows.length >= MAX_ROWS || !child || typeof child !== 'object') continue;
      const name = prefix + key;
      rows.push({
        name,
        type: typeOf(child),
        required: required.includes(key),
        description: typeof child.description === 'string' ? child.description : '',
      });
      walk(child, `${name}.`, depth + 1);
      const items = child.items as Schema | undefined;
      if (items && typeof items === 'object') walk(items, `${name}[].`, depth + 1);
    }
  };
  if (schema && typeof schema === 'object') walk(schema as Schema, '', 0);
  return rows;
}
