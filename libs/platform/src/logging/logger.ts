import pino, { Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout. Personal data is never logged: request bodies are not logged at all. */
export function createLogger(level = 'info', name = 'koproduktiv'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', '*.contact', '*.password'], censor: '[redacted]' },
  });
}
