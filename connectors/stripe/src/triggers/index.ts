/** The Stripe connector's triggers, in the order the catalog lists them. */
import { chargeFailed } from './charge-failed.ts';
import { checkoutCompleted } from './checkout-completed.ts';
import { newCustomer } from './new-customer.ts';
import { chargeSucceeded } from './charge-succeeded.ts';
import { chargeRefunded } from './charge-refunded.ts';
import { newDispute } from './new-dispute.ts';
import { invoicePaymentFailed } from './invoice-payment-failed.ts';
import { invoicePaid } from './invoice-paid.ts';
import { newSubscription } from './new-subscription.ts';
import { subscriptionCanceled } from './subscription-canceled.ts';

export const triggers = [
  chargeFailed,
  checkoutCompleted,
  newCustomer,
  chargeSucceeded,
  chargeRefunded,
  newDispute,
  invoicePaymentFailed,
  invoicePaid,
  newSubscription,
  subscriptionCanceled,
];
