import { createHash, randomUUID } from 'node:crypto';

export type NewId = () => string;
export type Clock = () => Date;

export const newUuid: NewId = () => randomUUID();
export const systemClock: Clock = () => new Date();

/** A stable UUID-shaped id from a name (same name, same id): idempotency keys for derived events. */
export const nameBasedUuid = (name: string): string => {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
