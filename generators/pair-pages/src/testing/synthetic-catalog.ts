/**
 * A deterministic synthetic catalog of connector manifests, for tests and the benchmark:
 * realistic shapes (1–4 webhook or polling triggers, 2–6 actions, schemas and samples), some
 * apps with no trigger at all, like Kustomer today.
 */
import type { ConnectorManifest } from '@wireup/sdk';

const BRANDS = [
  'acme',
  'nimbus',
  'orbit',
  'pixel',
  'quanta',
  'relay',
  'sable',
  'tandem',
  'umber',
  'vertex',
  'willow',
  'zephyr',
  'atlas',
  'beacon',
  'cobalt',
];
const PRODUCTS = [
  'crm',
  'desk',
  'mail',
  'pay',
  'shop',
  'forms',
  'chat',
  'docs',
  'sheets',
  'tasks',
  'calendar',
  'ads',
  'hr',
  'books',
  'drive',
  'sign',
  'voice',
  'survey',
  'wiki',
  'ci',
];
const CATEGORIES = [
  'crm',
  'customer-support',
  'email',
  'payments',
  'e-commerce',
  'forms',
  'chat',
  'productivity',
  'marketing',
  'developer-tools',
];
const OBJECTS = ['contact', 'deal', 'ticket', 'order', 'invoice', 'message', 'task', 'file', 'event', 'subscriber'];
const VERBS = ['create', 'update', 'find', 'delete', 'archive', 'send'];

const title = (s: string): string =>
  s
    .split('-')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
const schema = (obj: string) => ({
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string', description: `Id of the ${obj}.` },
    email: { type: 'string', description: 'Email address of the person concerned.' },
    name: { type: 'string', description: `Name of the ${obj}.` },
    status: { enum: ['open', 'closed'], description: 'Current status.' },
    owner: {
      type: 'object',
      properties: { id: { type: 'string' }, name: { type: 'string' } },
      description: 'Who owns it.',
    },
    tags: { type: 'array', items: { type: 'string' }, description: 'Labels.' },
    createdAt: { type: 'string', description: 'When it was created (ISO 8601).' },
  },
});
const sample = (obj: string, i: number) => ({
  id: `${obj.slice(0, 3)}_${i}`,
  email: `person${i}@example.com`,
  name: `${title(obj)} ${i}`,
  status: 'open',
  owner: { id: `usr_${i}`, name: 'Ada Lovelace' },
  tags: ['vip'],
  createdAt: '2024-05-01T10:00:00Z',
});

/** Manifest number `i` of the catalog (0-based); `revision` changes its text, as a new version would. */
export function syntheticManifest(i: number, revision = 0): ConnectorManifest {
  const name = `${BRANDS[i % BRANDS.length]}-${PRODUCTS[Math.floor(i / BRANDS.length) % PRODUCTS.length]}${i >= BRANDS.length * PRODUCTS.length ? `-${i}` : ''}`;
  const displayName = title(name);
  const triggerCount = i % 9 === 4 ? 0 : 1 + (i % 4);
  const actionCount = 2 + (i % 5);
  const objects = [OBJECTS[i % OBJECTS.length], OBJECTS[(i + 3) % OBJECTS.length]];
  const triggers = Array.from({ length: triggerCount }, (_, t) => {
    const obj = objects[t % 2];
    const verb = ['created', 'updated', 'deleted', 'closed'][t];
    const polling = (i + t) % 5 === 0;
    return {
      key: `${obj}-${verb}`,
      displayName: `${title(obj)} ${title(verb)}`,
      description: `Fires when a ${obj} is ${verb} in ${displayName}${revision ? ` (revision ${revision})` : ''}.`,
      strategy: polling ? ('polling' as const) : ('webhook' as const),
      ...(polling ? { pollIntervalSeconds: 300 } : { event: `${obj}.${verb}` }),
      outputSchema: schema(obj),
      sample: sample(obj, i),
    };
  });
  const actions = Array.from({ length: actionCount }, (_, a) => {
    const obj = objects[a % 2];
    const verb = VERBS[a];
    return {
      key: `${verb}-${obj}`,
      displayName: `${title(verb)} ${title(obj)}`,
      description: `${title(verb)}s a ${obj} in ${displayName}.`,
      inputSchema: schema(obj),
      outputSchema: schema(obj),
      sample: sample(obj, i),
      idempotent: verb !== 'send',
      retry: { maxAttempts: 3 },
    };
  });
  return {
    name,
    version: `1.${revision}.0`,
    displayName,
    description: `${displayName} is a ${CATEGORIES[i % CATEGORIES.length].replace('-', ' ')} app for growing teams.${revision ? ` Revision ${revision}.` : ''}`,
    categories: [CATEGORIES[i % CATEGORIES.length], CATEGORIES[(i * 7 + 3) % CATEGORIES.length]].filter(
      (c, k, all) => all.indexOf(c) === k,
    ),
    sdk: '^0.1.0',
    auth: { kind: 'api-key', fields: [{ key: 'apiKey', label: 'API key', secret: true, required: true }] },
    triggers,
    actions,
  };
}

/** The first `count` manifests of the catalog. */
export const syntheticCatalog = (count: number): ConnectorManifest[] =>
  Array.from({ length: count }, (_, i) => syntheticManifest(i));
