import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/** JSON lines for operators (STYLE.md habit 10); secrets are redacted wherever they appear. */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'cascade' },
    redact: { paths: ['*.password', '*.authorization', 'req.headers.authorization', '*.secret', '*.token'], censor: '[redacted]' },
  }, destination);
}
