/**
 * Which published workflows use a connector version, so that an uninstall or an upgrade can say
 * what it would break. What one document uses (and how publish pins versions) is the engine's
 * `connectorUses` (core/engine/src/connector-uses.ts).
 */
import type { Store } from '@wireup/store';
import { connectorUses, type ConnectorUse } from '@wireup/engine';

/** A published workflow version that uses a connector. */
export interface PublishedUse extends ConnectorUse {
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
}

/** Uses of `connector` (any version, or the one given) by the published version of every workflow. */
export async function publishedUses(store: Store, connector: string, version?: string): Promise<PublishedUse[]> {
  const out: PublishedUse[] = [];
  for (const record of await store.workflows.list()) {
    if (record.publishedVersion === null) continue;
    const published = await store.workflows.getVersion(record.id, record.publishedVersion);
    if (!published) continue;
    for (const use of connectorUses(published.document)) {
      if (use.connector !== connector || (version && use.version !== version)) continue;
      out.push({
        ...use,
        workflowId: record.id,
        workflowName: published.document.name,
        workflowVersion: published.version,
      });
    }
  }
  return out;
}
