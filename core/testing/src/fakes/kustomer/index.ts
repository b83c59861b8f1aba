/** The fake Kustomer API server. */
export {
  createFakeKustomer,
  type FakeKustomer,
  type FakeKustomerOptions,
  type FakeFailure,
  type RecordedRequest,
  type WebhookDelivery,
  type KustomerResource,
  type Relationship,
} from './fake-kustomer.ts';
