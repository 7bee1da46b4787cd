/**
 * The form two usernames are compared in: Unicode-normalised (NFKC, so a full-width `ａｄｍｉｎ` is `admin`) and
 * lower-cased, so that `Admin` and `ADMIN` are the same account as `admin`.
 */
export const usernameKey = (username: string): string => username.normalize('NFKC').toLowerCase();
