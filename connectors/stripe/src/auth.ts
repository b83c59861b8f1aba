/** How a Stripe connection authenticates: a secret API key, plus the webhook endpoint's signing secret. */
import type { ConnectorSpec } from '@wireup/sdk';

export const stripeAuth: ConnectorSpec['auth'] = {
  kind: 'api-key',
  fields: [
    {
      key: 'secretKey',
      label: 'Secret key',
      description:
        'Your Stripe secret key (sk_live_... or sk_test_...) or a restricted key (rk_...) with the permissions your workflows use. Find it in the Stripe Dashboard under Developers → API keys.',
      secret: true,
      required: true,
    },
    {
      key: 'webhookSecret',
      label: 'Webhook signing secret',
      description:
        "The signing secret (whsec_...) of the webhook endpoint Stripe sends events to; triggers use it to check each delivery really comes from Stripe. Filled in by webhook auto-registration where possible; otherwise copy it from the endpoint's page in the Stripe Dashboard.",
      secret: true,
      required: false,
      filledByRegistration: true,
    },
  ],
};
