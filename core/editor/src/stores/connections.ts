/** The connections (credentials) of every connector. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/api.ts';
import type { Connection } from '../api/types.ts';

export const useConnectionsStore = defineStore('connections', () => {
  const list = ref<Connection[]>([]);
  const loaded = ref(false);

  async function load(): Promise<Connection[]> {
    list.value = await api.connections();
    loaded.value = true;
    return list.value;
  }

  async function create(body: { connector: string; name: string; auth: Record<string, string> }): Promise<Connection> {
    const created = await api.createConnection(body);
    list.value = [...list.value, created];
    return created;
  }

  async function update(id: string, body: { name?: string; auth?: Record<string, string> }): Promise<Connection> {
    const updated = await api.updateConnection(id, body);
    list.value = list.value.map((c) => (c.id === id ? updated : c));
    return updated;
  }

  async function remove(id: string): Promise<void> {
    await api.deleteConnection(id);
    list.value = list.value.filter((c) => c.id !== id);
  }

  const of = (connector: string) => list.value.filter((c) => c.connector === connector);

  return { list, loaded, load, create, update, remove, of };
});
