/** Action create-price: `prices.create` (POST /v1/prices). */
import type { CreatePriceInput } from '../generated/types.ts';
import { currencyInput, idInput, inputObject, metadataInput } from '../schemas/inputs.ts';
import { priceSample, priceSchema } from '../schemas/price.ts';
import { defineStripeAction } from '../stripe-action.ts';
import { recurringInput } from './create-product.ts';

export const createPrice = defineStripeAction<CreatePriceInput>({
  key: 'create-price',
  displayName: 'Create price',
  description:
    'Creates a price for a product: one-time, or recurring when `recurring` is given. Give an existing `product`, or `product_data` to create the product too. Prices cannot change later: create a new one instead.',
  inputSchema: inputObject(
    {
      currency: currencyInput,
      unit_amount: {
        type: 'integer',
        minimum: 0,
        description: 'Price per unit in the smallest currency unit (4900 = $49.00).',
      },
      product: idInput('product', 'prod'),
      product_data: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        description: 'Creates a new product for this price.',
        properties: { name: { type: 'string', minLength: 1, description: 'Product name.' } },
      },
      recurring: recurringInput,
      nickname: { type: 'string', description: 'Name for you, not shown to customers.' },
      lookup_key: {
        type: 'string',
        maxLength: 200,
        description: 'Key to find the price without its id, e.g. `pro_monthly`.',
      },
      metadata: metadataInput,
    },
    ['currency', 'unit_amount'],
    { anyOf: [{ required: ['product'] }, { required: ['product_data'] }] },
  ),
  outputSchema: priceSchema,
  sample: priceSample,
  call: (stripe, input, options) => stripe.prices.create(input, options),
});
