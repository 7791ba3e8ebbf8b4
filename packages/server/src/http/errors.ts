/** One error shape for every failure: `{"error":{"code","message","details"}}` with stable codes. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, errorStatus, isErrorCode, type ErrorCode } from '@zhongcao/core';
import { isDatabaseUnavailable } from './unavailable.js';

/** Answers with a code of ERROR_CODES; its HTTP status comes from there. */
export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): FastifyReply {
  return send(reply, errorStatus(code), code, message, details);
}

function send(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send({ error: { code, message, details } });
}

/** Fastify's own error codes, as ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
  FST_REQ_FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  FST_FILES_LIMIT: 'TOO_MANY_FILES',
  FST_PARTS_LIMIT: 'TOO_MANY_PARTS',
  FST_FIELDS_LIMIT: 'TOO_MANY_FIELDS',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'RATE_LIMITED',
  FST_ERR_BAD_URL: 'BAD_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
};

/** Errors the router raises before any route runs (a malformed or over-long path segment): same error shape. */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const mapped = FASTIFY_CODES[err.code];
  if (mapped) return sendError(reply, mapped, err.message);
  request.log.error({ err }, 'router error');
  return sendError(reply, 'INTERNAL', 'something went wrong on our side');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const domain: unknown = err;
    if (domain instanceof DomainError) return sendError(reply, domain.code, domain.message, domain.details);
    if (err.validation) {
      return sendError(reply, 'VALIDATION_FAILED', `invalid ${err.validationContext ?? 'request'}: ${err.message}`, {
        part: err.validationContext ?? null,
        issues: err.validation.map((v) => ({ path: v.instancePath, message: v.message ?? 'invalid' })),
      });
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return sendError(reply, mapped, err.message);
    if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
      return sendError(reply, 'MALFORMED_JSON', 'the body is not valid JSON');
    const status = err.statusCode ?? 500;
    // another 4xx of the framework or a plugin: its own status, and a code of ours (the document lists every code)
    if (status >= 400 && status < 500)
      return send(reply, status, isErrorCode(err.code) ? err.code : 'BAD_REQUEST', err.message);
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err: err.message }, 'database unavailable');
      reply.header('retry-after', '1');
      return sendError(
        reply,
        'DATABASE_UNAVAILABLE',
        'the database is not answering for a moment; retry (with the same Idempotency-Key)',
      );
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, 'INTERNAL', 'something went wrong on our side');
  });
}
