import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Handlers never log bodies; the fields below are the only ones written,
 * and the redaction list is a second line of defence against a secret slipping into a log call.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'finlet-gateway' },
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        'secretKey',
        '*.secretKey',
        'token',
        '*.token',
        'apiKey',
        '*.apiKey',
        'idNumber',
        '*.idNumber',
        'applicant',
        '*.applicant',
        'phone',
        '*.phone',
        'email',
        '*.email',
      ],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
