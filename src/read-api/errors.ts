import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, RateLimitedError } from '../errors';
import type { Logger } from '../logger';

export const jsonError = (code: string, message: string) => ({ error: { code, message } });

export const notFoundRoute: RequestHandler = (req, res) => {
  res.status(404).json(jsonError('not_found', `no route for ${req.method} ${req.path}`));
};

/** Every error becomes `{"error": {"code", "message"}}`; never a stack trace. */
export const errorMiddleware =
  (logger: Logger): ErrorRequestHandler =>
  (error, req, res, _next) => {
    if (error instanceof AppError) {
      if (error instanceof RateLimitedError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      res.status(error.status).json(jsonError(error.code, error.message));
      return;
    }
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      res.status(400).json(jsonError('validation_failed', `${issue.path.join('.') || 'body'}: ${issue.message}`));
      return;
    }
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status < 500) {
      const code = error.type === 'entity.too.large' ? 'payload_too_large' : 'bad_request';
      const message = error.type === 'entity.parse.failed' ? 'the body is not valid JSON' : String(error.message ?? 'bad request');
      res.status(status).json(jsonError(code, message));
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    res.status(500).json(jsonError('internal', 'something went wrong; the error was logged'));
  };
