/** Typed errors with a code; the read API turns them into JSON errors and the bot into polite replies. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(message: string) {
    super('validation_failed', 400, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'log in first') {
    super('unauthorized', 401, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('not_found', 404, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', 409, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, message: string) {
    super(code, 403, message);
  }
}

export class RateLimitedError extends AppError {
  constructor(
    message = 'too many requests, try again in a minute',
    /** sent as Retry-After */
    readonly retryAfterSeconds = 60,
  ) {
    super('rate_limited', 429, message);
  }
}

export class UnavailableError extends AppError {
  constructor(message: string) {
    super('unavailable', 503, message);
  }
}
