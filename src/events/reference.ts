import { createHash } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/** A short human reference for a complaint ("RS-7K3M9-Q2XAB"), derived from its id: 50 bits. */
export const referenceFor = (complaintId: string): string => {
  const digest = createHash('sha256').update(complaintId).digest();
  let bits = 0n;
  for (let i = 0; i < 7; i++) bits = (bits << 8n) | BigInt(digest[i]);
  bits >>= 6n; // 56 -> 50 bits
  let code = '';
  for (let i = 0; i < 10; i++) {
    code = ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `RS-${code.slice(0, 5)}-${code.slice(5)}`;
};

export const REFERENCE_PATTERN = /^RS-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;
