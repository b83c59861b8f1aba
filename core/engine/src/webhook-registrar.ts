/**
 * The port through which the workflow lifecycle keeps a provider's webhook endpoint in line
 * with the published workflows (docs/webhook-registration.md). The server implements it (it
 * holds the public URL, the secret box and the egress-guarded HTTP client); without one,
 * nothing is registered and publishing only publishes.
 */
import type { WorkflowDocument } from '@wireup/store';

/** What publish answers about the trigger's webhook. */
export interface WebhookStatus {
  /** True when Wireup registered (and keeps) the endpoint; false when the user manages it. */
  managed: boolean;
  /** The URL the provider delivers to. */
  url: string;
  /** The events the endpoint listens for (managed), or must be configured with (user-managed). */
  events?: string[];
  /** The provider's endpoint id (managed only). */
  endpoint?: string;
  /** User-managed: where to create the endpoint with this URL and events, and where its secret goes. */
  setup?: string;
}

export interface WebhookRegistrar {
  /**
   * Registers what `document` (to be published as workflow `workflowId`) needs, then runs
   * `commit` (the store's publish). Throws when the provider refuses, and then `commit` does
   * not run. `previous` is the version published until now, if any: when its trigger used
   * another connection, that one's endpoint is shrunk afterwards (failures become warnings).
   */
  publish<T>(
    workflowId: string,
    document: WorkflowDocument,
    previous: WorkflowDocument | null,
    commit: () => Promise<T>,
  ): Promise<{ value: T; webhook: WebhookStatus | null; warnings: string[] }>;
  /** Runs `commit` (the store's unpublish), then shrinks or removes the endpoint of `previous`'s trigger connection (the version published until now). Provider failures become warnings. */
  unpublish<T>(previous: WorkflowDocument | null, commit: () => Promise<T>): Promise<{ value: T; warnings: string[] }>;
}
