/**
 * Fastify's Ajv, twice: the querystring and path parameters arrive as text, so they are coerced
 * to their schema's types (`limit=5` → 5; a repeated parameter stays an array and is refused);
 * JSON bodies already carry their types, so nothing is coerced (`"test": null` is not `false`,
 * `"name": 0` is not `"0"`).
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;

export function splitCoercion(): SchemaController {
  const pool = AjvCompiler();
  return {
    compilersFactory: {
      buildValidator: (externalSchemas: unknown, options: { customOptions?: Record<string, unknown> }) => {
        const coercing = pool(externalSchemas as never, options as never);
        const exact = pool(
          externalSchemas as never,
          { ...options, customOptions: { ...options.customOptions, coerceTypes: false } } as never,
        );
        return (route: { httpPart?: string }) => (route.httpPart === 'body' ? exact : coercing)(route as never);
      },
    },
  } as unknown as SchemaController;
}
