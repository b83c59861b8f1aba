/** The Stripe connector's actions. */
export const actions = [];
