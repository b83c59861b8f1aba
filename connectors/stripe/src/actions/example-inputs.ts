/**
 * One valid input per action, as a workflow would give it. Tests run each against stripe-mock
 * and derive invalid inputs from them; the editor can show them as examples.
 */
export const exampleInputs: Record<string, Record<string, unknown>> = {
  'create-customer': {
    email: 'jenny.rosen@example.com',
    name: 'Jenny Rosen',
    phone: '+14155550123',
    address: { line1: '510 Townsend St', city: 'San Francisco', state: 'CA', postal_code: '94103', country: 'US' },
    metadata: { crm_id: '48213' },
  },
  'update-customer': { id: 'cus_RtN4g6ZWJmxqSb', description: 'VIP since 2026', metadata: { tier: 'gold' } },
  'retrieve-customer': { id: 'cus_RtN4g6ZWJmxqSb' },
  'find-customer': { email: "o'brien@example.com", limit: 5 },
  'delete-customer': { id: 'cus_RtN4g6ZWJmxqSb' },
  'create-payment-intent': {
    amount: 4900,
    currency: 'usd',
    customer: 'cus_RtN4g6ZWJmxqSb',
    payment_method_types: ['card'],
    description: 'Pro plan, January',
    metadata: { order_id: 6735 },
  },
  'confirm-payment-intent': {
    id: 'pi_3QzY9hLkdIwHu7ix0mF7Gx1P',
    payment_method: 'pm_card_visa',
    return_url: 'https://example.com/return',
  },
  'capture-payment-intent': { id: 'pi_3QzY9hLkdIwHu7ix0mF7Gx1P', amount_to_capture: 4000 },
  'cancel-payment-intent': { id: 'pi_3QzY9hLkdIwHu7ix0mF7Gx1P', cancellation_reason: 'requested_by_customer' },
  'create-charge': {
    amount: 2500,
    currency: 'usd',
    source: 'tok_visa',
    description: 'Setup fee',
    receipt_email: 'jenny.rosen@example.com',
  },
  'retrieve-charge': { id: 'ch_3QzY9hLkdIwHu7ix0vJ8dQ2M' },
  'create-refund': { charge: 'ch_3QzY9hLkdIwHu7ix0vJ8dQ2M', amount: 2000, reason: 'requested_by_customer' },
  'create-invoice': {
    customer: 'cus_RtN4g6ZWJmxqSb',
    collection_method: 'send_invoice',
    days_until_due: 30,
    description: 'Consulting, January',
  },
  'create-invoice-item': {
    customer: 'cus_RtN4g6ZWJmxqSb',
    invoice: 'in_1QzYAaLkdIwHu7ixd8Jx2Vgo',
    amount: 1500,
    currency: 'usd',
    description: 'Onboarding session',
  },
  'finalize-invoice': { id: 'in_1QzYAaLkdIwHu7ixd8Jx2Vgo', auto_advance: true },
  'send-invoice': { id: 'in_1QzYAaLkdIwHu7ixd8Jx2Vgo' },
  'void-invoice': { id: 'in_1QzYAaLkdIwHu7ixd8Jx2Vgo' },
  'pay-invoice': { id: 'in_1QzYAaLkdIwHu7ixd8Jx2Vgo', paid_out_of_band: true },
  'create-subscription': {
    customer: 'cus_RtN4g6ZWJmxqSb',
    items: [{ price: 'price_1QzY7rLkdIwHu7ixk3N0bE5T', quantity: 2 }],
    trial_period_days: 14,
    metadata: { plan_source: 'pricing-page' },
  },
  'update-subscription': {
    id: 'sub_1QzY8qLkdIwHu7ixQ6xy3M0P',
    items: [{ id: 'si_RtN5vQ1dK9sXbE', quantity: 3 }],
    proration_behavior: 'create_prorations',
    trial_end: 'now',
  },
  'cancel-subscription': {
    id: 'sub_1QzY8qLkdIwHu7ixQ6xy3M0P',
    prorate: true,
    cancellation_details: { feedback: 'too_expensive', comment: 'Budget cuts' },
  },
  'search-subscriptions': { query: "status:'active' AND metadata['plan_source']:'pricing-page'", limit: 10 },
  'create-product': {
    name: 'Pro plan',
    description: 'Unlimited workflows and priority support.',
    default_price_data: { currency: 'usd', unit_amount: 4900, recurring: { interval: 'month' } },
  },
  'create-price': {
    currency: 'usd',
    unit_amount: 4900,
    product: 'prod_RtN3ZqLm8pV2cA',
    recurring: { interval: 'month' },
    lookup_key: 'pro_monthly',
  },
  'create-coupon': {
    id: 'SPRING25',
    name: 'Spring sale',
    percent_off: 25,
    duration: 'repeating',
    duration_in_months: 3,
  },
  'create-promotion-code': {
    coupon: 'SPRING25',
    code: 'SPRING25',
    max_redemptions: 200,
    restrictions: { first_time_transaction: true },
  },
  'create-payment-link': {
    line_items: [{ price: 'price_1QzY7rLkdIwHu7ixk3N0bE5T', quantity: 1 }],
    allow_promotion_codes: true,
    redirect_url: 'https://example.com/thanks',
  },
  'deactivate-payment-link': { id: 'plink_1QzYCsLkdIwHu7ixWm2pZ5yF' },
  'create-checkout-session': {
    mode: 'subscription',
    line_items: [{ price: 'price_1QzY7rLkdIwHu7ixk3N0bE5T', quantity: 1 }],
    success_url: 'https://example.com/welcome?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://example.com/pricing',
    client_reference_id: 'user_8812',
  },
  'create-billing-portal-session': { customer: 'cus_RtN4g6ZWJmxqSb', return_url: 'https://example.com/account' },
  'retrieve-balance': {},
};

/** Actions that only read: Stripe gets no Idempotency-Key from them. */
export const readActions = new Set([
  'retrieve-customer',
  'find-customer',
  'retrieve-charge',
  'search-subscriptions',
  'retrieve-balance',
]);
