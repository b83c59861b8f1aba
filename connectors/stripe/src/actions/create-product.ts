/** Action create-product: `products.create` (POST /v1/products). */
import type { CreateProductInput } from '../generated/types.ts';
import { currencyInput, descriptionInput, inputObject, metadataInput, urlInput } from '../schemas/inputs.ts';
import { productSample, productSchema } from '../schemas/product.ts';
import { defineStripeAction } from '../stripe-action.ts';

export const recurringInput = {
  type: 'object',
  additionalProperties: false,
  required: ['interval'],
  description: 'Makes the price recurring (for subscriptions).',
  properties: {
    interval: { type: 'string', enum: ['day', 'week', 'month', 'year'], description: 'Billing frequency.' },
    interval_count: {
      type: 'integer',
      minimum: 1,
      description: 'Intervals between bills, e.g. 3 with `month` for quarterly (default 1).',
    },
  },
};

export const createProduct = defineStripeAction<CreateProductInput>({
  key: 'create-product',
  displayName: 'Create product',
  description: 'Creates a product (a good or service you sell), optionally with its default price in the same step.',
  inputSchema: inputObject(
    {
      name: { type: 'string', minLength: 1, description: 'Name shown to customers.' },
      description: descriptionInput('Description shown to customers.'),
      active: { type: 'boolean', description: 'Available for purchase (default true).' },
      images: { type: 'array', items: urlInput('Image URL.'), description: 'Image URLs (Stripe accepts up to 8).' },
      url: urlInput('Public page of the product.'),
      default_price_data: {
        type: 'object',
        additionalProperties: false,
        required: ['currency', 'unit_amount'],
        description: 'Creates the product’s default price.',
        properties: {
          currency: currencyInput,
          unit_amount: { type: 'integer', minimum: 0, description: 'Price per unit in the smallest currency unit.' },
          recurring: recurringInput,
        },
      },
      metadata: metadataInput,
    },
    ['name'],
  ),
  outputSchema: productSchema,
  sample: productSample,
  call: (stripe, input, options) => stripe.products.create(input, options),
});
