/** The API calls the editor makes, one function each (the API layer: views and stores call only these). */
import { request } from './http.ts';
import type {
  Connection,
  ConnectorManifest,
  ConnectorSummary,
  Installation,
  MarketplaceSearch,
  PublishResult,
  Run,
  RunStatus,
  UpgradeReport,
  Workflow,
  WorkflowDocument,
  WorkflowVersion,
  WorkflowVersionSummary,
} from './types.ts';

export interface SessionInfo {
  csrfToken: string;
  expiresAt: string;
}

export const api = {
  session: () => request<SessionInfo>('GET', '/auth/session'),
  signInWithToken: (token: string) => request<SessionInfo>('POST', '/auth/sign-in', { token }),
  signOut: () => request<void>('POST', '/auth/sign-out'),

  connectors: () => request<{ data: ConnectorSummary[] }>('GET', '/v1/connectors').then((r) => r.data),
  connector: (name: string) => request<ConnectorManifest>('GET', `/v1/connectors/${encodeURIComponent(name)}`),

  connections: () => request<{ data: Connection[] }>('GET', '/v1/connections').then((r) => r.data),
  createConnection: (body: { connector: string; name: string; auth: Record<string, string> }) =>
    request<Connection>('POST', '/v1/connections', body),
  updateConnection: (id: string, body: { name?: string; auth?: Record<string, string> }) =>
    request<Connection>('PUT', `/v1/connections/${encodeURIComponent(id)}`, body),
  deleteConnection: (id: string) => request<void>('DELETE', `/v1/connections/${encodeURIComponent(id)}`),

  workflows: () => request<{ data: Workflow[] }>('GET', '/v1/workflows').then((r) => r.data),
  workflow: (id: string) => request<Workflow>('GET', `/v1/workflows/${encodeURIComponent(id)}`),
  /** Creates a draft; `partial` lets it be incomplete (publish checks everything). */
  createWorkflow: (document: WorkflowDocument, partial = true) =>
    request<Workflow>('POST', `/v1/workflows${partial ? '?partial=true' : ''}`, document),
  /** Saves the draft if the server still has `revision`; else rejects with WORKFLOW_CHANGED (412). */
  saveWorkflow: (id: string, document: WorkflowDocument, revision: string) =>
    request<Workflow>('PUT', `/v1/workflows/${encodeURIComponent(id)}?partial=true`, document, {
      'if-match': `"${revision}"`,
    }),
  deleteWorkflow: (id: string) => request<void>('DELETE', `/v1/workflows/${encodeURIComponent(id)}`),
  publish: (id: string) => request<PublishResult>('POST', `/v1/workflows/${encodeURIComponent(id)}/publish`),
  versions: (id: string) =>
    request<{ data: WorkflowVersionSummary[] }>('GET', `/v1/workflows/${encodeURIComponent(id)}/versions`).then(
      (r) => r.data,
    ),
  version: (id: string, version: number) =>
    request<WorkflowVersion>('GET', `/v1/workflows/${encodeURIComponent(id)}/versions/${version}`),
  unpublish: (id: string) => request<Workflow>('POST', `/v1/workflows/${encodeURIComponent(id)}/unpublish`),

  /** `test`: only test runs (true) or only runs the app's events started (false); both when absent. */
  runs: (query: { workflow?: string; status?: RunStatus[]; test?: boolean; limit?: number } = {}) => {
    const params = new URLSearchParams();
    if (query.workflow) params.set('workflow', query.workflow);
    if (query.status?.length) params.set('status', query.status.join(','));
    if (query.test !== undefined) params.set('test', String(query.test));
    params.set('limit', String(query.limit ?? 50));
    return request<{ data: Run[]; next: string | null }>('GET', `/v1/runs?${params}`);
  },
  run: (id: string) => request<Run>('GET', `/v1/runs/${encodeURIComponent(id)}`),
  replay: (id: string) => request<Run>('POST', `/v1/runs/${encodeURIComponent(id)}/replay`),

  marketplace: (query: { q?: string; category?: string; refresh?: boolean } = {}) => {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.category) params.set('category', query.category);
    if (query.refresh) params.set('refresh', 'true');
    return request<MarketplaceSearch>('GET', `/v1/marketplace${params.size ? `?${params}` : ''}`);
  },
  install: (name: string, version?: string) =>
    request<Installation>('POST', '/v1/connectors', { name, ...(version ? { version } : {}) }),
  upgradeReport: (connector: string, to: string) =>
    request<UpgradeReport>(
      'GET',
      `/v1/connectors/${encodeURIComponent(connector)}/upgrade-report?to=${encodeURIComponent(to)}`,
    ),
  upgrade: (connector: string, version: string) =>
    request<Installation & { report: UpgradeReport }>(
      'POST',
      `/v1/connectors/${encodeURIComponent(connector)}/upgrade`,
      { version },
    ),
  uninstall: (connector: string) =>
    request<{ removed: Array<{ connector: string; version: string }> }>(
      'DELETE',
      `/v1/connectors/${encodeURIComponent(connector)}`,
    ),
};
