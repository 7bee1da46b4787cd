import pino from 'pino';

export type Logger = pino.Logger;

export const createLogger = (level: string, name = 'railsewa'): Logger =>
  pino({ name, level, redact: ['password', '*.password', 'token', '*.token', 'secret', '*.secret'] });

/** For tests and tools that want silence. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
