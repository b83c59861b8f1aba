/**
 * A route-level validator compiler for routes whose body is checked by its owner rather than by
 * Fastify: workflow documents (core/engine answers 422 naming each field) and webhook bodies
 * (raw bytes, checked by the provider's signature). Params and querystring are still validated.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { compileSchema, type JsonSchema } from '@wireup/sdk';

export const bodyValidatedElsewhere: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  // The owner judges the content, but a route documented with a body needs one (Fastify passes a missing body as null).
  if (httpPart === 'body')
    return (data: unknown) =>
      data !== undefined && data !== null
        ? true
        : {
            error: Object.assign(new Error('body is required'), {
              validation: [
                {
                  instancePath: '',
                  keyword: 'required',
                  message: 'is required: send the body /openapi.json describes',
                },
              ],
              validationContext: 'body',
              statusCode: 400,
            }),
          };
  const validate = compileSchema(schema as JsonSchema);
  return (data: unknown) =>
    validate(data)
      ? true
      : {
          error: Object.assign(new Error(`${httpPart} is invalid`), {
            validation: validate.errors,
            validationContext: httpPart,
            statusCode: 400,
          }),
        };
};
