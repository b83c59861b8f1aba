/** Installed connectors and their manifests (fetched once each). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/api.ts';
import type { ActionManifest, ConnectorManifest, ConnectorSummary, TriggerManifest } from '../api/types.ts';

/** A manifest's icon as an image source: inline SVG markup becomes a data URI; URLs stay. */
export function iconSrc(icon: string | undefined): string | undefined {
  if (!icon) return undefined;
  return icon.trimStart().startsWith('<') ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(icon)}` : icon;
}

export const useConnectorsStore = defineStore('connectors', () => {
  const list = ref<ConnectorSummary[]>([]);
  const manifests = ref<Record<string, ConnectorManifest>>({});
  const pending = new Map<string, Promise<ConnectorManifest>>();

  async function loadList(): Promise<ConnectorSummary[]> {
    if (!list.value.length) list.value = await api.connectors();
    return list.value;
  }

  /** The manifest of a connector (cached). */
  function load(name: string): Promise<ConnectorManifest> {
    if (manifests.value[name]) return Promise.resolve(manifests.value[name]);
    if (!pending.has(name)) {
      pending.set(
        name,
        api
          .connector(name)
          .then((m) => {
            m.icon = iconSrc(m.icon);
            manifests.value = { ...manifests.value, [name]: m };
            return m;
          })
          .finally(() => pending.delete(name)),
      );
    }
    return pending.get(name)!;
  }

  async function loadAll(): Promise<void> {
    await Promise.all((await loadList()).map((c) => load(c.name)));
  }

  const trigger = (connector: string, key: string): TriggerManifest | undefined =>
    manifests.value[connector]?.triggers.find((t) => t.key === key);
  const action = (connector: string, key: string): ActionManifest | undefined =>
    manifests.value[connector]?.actions.find((a) => a.key === key);

  return { list, manifests, loadList, load, loadAll, trigger, action };
});
