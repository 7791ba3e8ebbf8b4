/** One error shape for every failure: `{"error":{"code","message","details"}}` with stable codes. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@zhongcao/core';
import { isDatabaseUnavailable } from './unavailable.js';

export function sendError(reply: FastifyReply, status: number, code: string, message: string, details: Record<string, unknown> = {}): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send({ error: { code, message, details } });
}

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'MALFORMED_JSON'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'MALFORMED_JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_CONTENT_LENGTH'],
  FST_REQ_FILE_TOO_LARGE: [413, 'FILE_TOO_LARGE'],
  FST_FILES_LIMIT: [413, 'TOO_MANY_FILES'],
  FST_PARTS_LIMIT: [413, 'TOO_MANY_PARTS'],
  FST_FIELDS_LIMIT: [413, 'TOO_MANY_FIELDS'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  FST_ERR_RATE_LIMIT_EXCEEDED: [429, 'RATE_LIMITED'],
  FST_ERR_BAD_URL: [400, 'BAD_URL'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'URI_TOO_LONG'],
};

/** Errors the router raises before any route runs (a malformed or over-long path segment): same error shape. */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const mapped = FASTIFY_CODES[err.code];
  if (mapped) return sendError(reply, mapped[0], mapped[1], err.message);
  request.log.error({ err }, 'router error');
  return sendError(reply, 500, 'INTERNAL', 'something went wrong on our side');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const domain: unknown = err;
    if (domain instanceof DomainError) return sendError(reply, domain.status, domain.code, domain.message, domain.details);
    if (err.validation) {
      return sendError(reply, 400, 'VALIDATION_FAILED', `invalid ${err.validationContext ?? 'request'}: ${err.message}`, {
        part: err.validationContext ?? null,
        issues: err.validation.map((v) => ({ path: v.instancePath, message: v.message ?? 'invalid' })),
      });
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return sendError(reply, mapped[0], mapped[1], err.message);
    if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return sendError(reply, 400, 'MALFORMED_JSON', 'the body is not valid JSON');
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendError(reply, status, err.code ?? 'BAD_REQUEST', err.message);
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err: err.message }, 'database unavailable');
      reply.header('retry-after', '1');
      return sendError(reply, 503, 'DATABASE_UNAVAILABLE', 'the database is not answering for a moment; retry (with the same Idempotency-Key)');
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, 500, 'INTERNAL', 'something went wrong on our side');
  });
}
