import { ERROR_CODES, type ErrorCode } from './error-codes.js';

export { ERROR_CODES, ERROR_CODE_LIST, errorStatus, isErrorCode, type ErrorCode } from './error-codes.js';

/**
 * A failure the caller can act on. `code` is stable (clients switch on it) and declared in
 * ERROR_CODES, which also gives the HTTP status the server answers with; `details` carries
 * machine-readable specifics.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    // An expected answer, not a fault: no stack trace (capturing one costs more than the request's
    // own work when thousands of buyers are told "sold out" in the same second).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'DomainError';
  }

  /** The HTTP status of the code (ERROR_CODES). */
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const notFound = (what: string, id?: string): DomainError =>
  new DomainError('NOT_FOUND', `${what} not found`, id === undefined ? { what } : { what, id });

export const forbidden = (message = 'not allowed'): DomainError => new DomainError('FORBIDDEN', message);

export const invalid = (message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError('INVALID_INPUT', message, details);

/** A refusal because of the current state (its code's status is 409 or 422). */
export const conflict = (code: ErrorCode, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(code, message, details);
