import { Router } from 'express';
import { submitComplaint, type CommandDeps } from '../commands/handlers';
import { RateLimitedError } from '../errors';
import type { RateLimiter } from '../rate-limit';
import { intakeBody } from './schemas';

/** Public web intake for passengers without Telegram; answers only after the complaint is durable. */
export const complaintsRouter = (deps: { commands: CommandDeps; limiter: RateLimiter }) => {
  const router = Router();
  router.post('/api/complaints', async (req, res) => {
    const address = req.ip ?? 'unknown';
    if (!deps.limiter.take(address)) throw new RateLimitedError(undefined, deps.limiter.retryAfterSeconds(address));
    const body = intakeBody.parse(req.body);
    const result = await submitComplaint(deps.commands, {
      type: 'SubmitComplaint',
      data: { text: body.text, source: 'web', firstName: body.name, contact: body.contact },
    });
    res.status(201).json({ complaint_id: result.complaintId, reference: result.reference, received_at: result.receivedAt });
  });
  return router;
};
