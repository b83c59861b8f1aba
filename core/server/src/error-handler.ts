/** The one Fastify error handler: any error becomes the API's error shape with its status. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './errors.ts';

/** Sends `error` as `{error:{code,message,details}}`; a 5xx is logged with its cause. */
export async function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { status, body } = toErrorResponse(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  const allowed = (body.error.details as { allowed?: string[] } | undefined)?.allowed;
  if (status === 405 && allowed) void reply.header('allow', allowed.join(', '));
  return reply.code(status).send(body);
}
