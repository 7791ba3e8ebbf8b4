/**
 * A failure the caller can act on. `code` is stable (clients switch on it); `status` is the HTTP
 * status the server answers with; `details` carries machine-readable specifics.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
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
}

export const notFound = (what: string, id?: string): DomainError =>
  new DomainError('NOT_FOUND', `${what} not found`, 404, id === undefined ? { what } : { what, id });

export const forbidden = (message = 'not allowed'): DomainError => new DomainError('FORBIDDEN', message, 403);

export const invalid = (message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError('INVALID_INPUT', message, 400, details);

export const conflict = (code: string, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(code, message, 409, details);
