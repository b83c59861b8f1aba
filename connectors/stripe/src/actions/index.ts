/** The Stripe connector's actions, in the order the catalog lists them. */
import { createCustomer } from './create-customer.ts';
import { updateCustomer } from './update-customer.ts';
import { retrieveCustomer } from './retrieve-customer.ts';
import { findCustomer } from './find-customer.ts';
import { deleteCustomer } from './delete-customer.ts';
import { createPaymentIntent } from './create-payment-intent.ts';
import { confirmPaymentIntent } from './confirm-payment-intent.ts';
import { capturePaymentIntent } from './capture-payment-intent.ts';
import { cancelPaymentIntent } from './cancel-payment-intent.ts';
import { createCharge } from './create-charge.ts';
import { retrieveCharge } from './retrieve-charge.ts';
import { createRefund } from './create-refund.ts';
import { createInvoice } from './create-invoice.ts';
import { createInvoiceItem } from './create-invoice-item.ts';
import { finalizeInvoice } from './finalize-invoice.ts';
import { sendInvoice } from './send-invoice.ts';
import { voidInvoice } from './void-invoice.ts';
import { payInvoice } from './pay-invoice.ts';
import { createSubscription } from './create-subscription.ts';
import { updateSubscription } from './update-subscription.ts';
import { cancelSubscription } from './cancel-subscription.ts';
import { searchSubscriptions } from './search-subscriptions.ts';
import { createProduct } from './create-product.ts';
import { createPrice } from './create-price.ts';
import { createCoupon } from './create-coupon.ts';
import { createPromotionCode } from './create-promotion-code.ts';
import { createPaymentLink } from './create-payment-link.ts';
import { deactivatePaymentLink } from './deactivate-payment-link.ts';
import { createCheckoutSession } from './create-checkout-session.ts';
import { createBillingPortalSession } from './create-billing-portal-session.ts';
import { retrieveBalance } from './retrieve-balance.ts';

export const actions = [
  createCustomer,
  updateCustomer,
  retrieveCustomer,
  findCustomer,
  deleteCustomer,
  createPaymentIntent,
  confirmPaymentIntent,
  capturePaymentIntent,
  cancelPaymentIntent,
  createCharge,
  retrieveCharge,
  createRefund,
  createInvoice,
  createInvoiceItem,
  finalizeInvoice,
  sendInvoice,
  voidInvoice,
  payInvoice,
  createSubscription,
  updateSubscription,
  cancelSubscription,
  searchSubscriptions,
  createProduct,
  createPrice,
  createCoupon,
  createPromotionCode,
  createPaymentLink,
  deactivatePaymentLink,
  createCheckoutSession,
  createBillingPortalSession,
  retrieveBalance,
];
