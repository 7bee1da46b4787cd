import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { ValidationError } from '../errors';

/** bcrypt's cost for new hashes; the dummy hash that unknown users are checked against has the same cost. */
export const BCRYPT_ROUNDS = 12;
/** bcrypt reads no further than 72 bytes of a password */
export const MAX_PASSWORD_BYTES = 72;
export const MIN_PASSWORD_BYTES = 12;

/** Hashes and checks passwords. The native binding runs bcrypt on libuv's thread pool, never on the event loop. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  compare(password: string, hash: string): Promise<boolean>;
}

export const bcryptHasher = (rounds = BCRYPT_ROUNDS): PasswordHasher => ({
  hash: (password) => bcrypt.hash(password, rounds),
  // Hashes made by bcryptjs ($2a$/$2b$) before the native binding verify alike.
  compare: (password, hash) => bcrypt.compare(password, hash),
});

export const passwordBytes = (password: string): number => Buffer.byteLength(password, 'utf8');

/** 12 to 72 bytes (what bcrypt reads; an "é" is two), and not only whitespace. */
export const validatePassword = (password: string): void => {
  const bytes = passwordBytes(password);
  if (bytes < MIN_PASSWORD_BYTES) throw new ValidationError(`password: at least ${MIN_PASSWORD_BYTES} bytes`);
  if (bytes > MAX_PASSWORD_BYTES) {
    throw new ValidationError(`password: at most ${MAX_PASSWORD_BYTES} bytes in UTF-8 (bcrypt reads no further); this one has ${bytes}`);
  }
  if (password.trim() === '') throw new ValidationError('password: not only whitespace');
};

/**
 * A hash of a random password, made once per hasher with the same cost as real ones: an unknown or disabled user
 * is checked against it, so that every login attempt costs one full bcrypt comparison.
 */
export const dummyHashOf = (hasher: PasswordHasher): (() => Promise<string>) => {
  let made: Promise<string> | undefined;
  return () => (made ??= hasher.hash(randomBytes(24).toString('base64url')));
};
