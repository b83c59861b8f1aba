export * from './fake-stripe-webhooks.ts';
