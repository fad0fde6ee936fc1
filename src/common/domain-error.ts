/**
 * An error the caller can act on: a stable machine-readable `code`, the HTTP status it maps to,
 * and a message safe to show. The HTTP filter renders it as problem+json; the Discord filter as
 * an ephemeral reply.
 */
export interface FieldError {
  field: string;
  messages: string[];
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError('not_found', 404, `${what} was not found`);
  }

  static validation(fields: FieldError[]): DomainError {
    const summary = fields.map((f) => `${f.field}: ${f.messages.join(', ')}`).join('; ');
    return new DomainError('validation_failed', 400, `Invalid input: ${summary}`, fields);
  }

  static conflict(code: string, message: string): DomainError {
    return new DomainError(code, 409, message);
  }

  static forbidden(message = 'Your API key does not allow this'): DomainError {
    return new DomainError('forbidden', 403, message);
  }

  static unauthorized(message = 'A valid API key is required: Authorization: Bearer <key>'): DomainError {
    return new DomainError('unauthorized', 401, message);
  }
}
