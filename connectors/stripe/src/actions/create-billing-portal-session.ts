/** Action create-billing-portal-session: `billingPortal.sessions.create` (POST /v1/billing_portal/sessions). */
import type { CreateBillingPortalSessionInput } from '../generated/types.ts';
import { idInput, inputObject, urlInput } from '../schemas/inputs.ts';
import { billingPortalSessionSample, billingPortalSessionSchema } from '../schemas/billing-portal-session.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const createBillingPortalSession = defineStripeAction<CreateBillingPortalSessionInput>({
  key: 'create-billing-portal-session',
  displayName: 'Create customer portal link',
  description:
    'Creates a single-use link to Stripe’s customer portal, where the customer updates payment methods, downloads invoices and changes or cancels subscriptions. Send them to `url` in the output; it expires after a few minutes of inactivity.',
  inputSchema: inputObject(
    {
      customer: idInput('customer', 'cus'),
      return_url: urlInput('Where the customer returns when leaving the portal.'),
      configuration: idInput('portal configuration to use; the default one when left out', 'bpc'),
    },
    ['customer'],
  ),
  outputSchema: billingPortalSessionSchema,
  sample: billingPortalSessionSample,
  call: (stripe, input, options) => stripe.billingPortal.sessions.create(input, options),
});
