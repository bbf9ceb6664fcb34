import type { FastifyRequest } from 'fastify'

// Logs never carry personal data. Bodies are never logged; URLs are logged without their query
// string (a search box may hold a name); and these paths are censored wherever an object
// reaches the logger by mistake.
export const logRedactions = {
  paths: [
    'req.headers.cookie',
    'req.headers.authorization',
    'res.headers["set-cookie"]',
    '*.password',
    '*.newPassword',
    '*.currentPassword',
    '*.email',
    '*.phone',
    '*.idNumber',
    '*.displayName',
    '*.address',
    '*.household',
    '*.health',
    '*.income',
    '*.military',
    '*.content',
    '*.token',
    '*.totpSecret',
  ],
  censor: '[redacted]',
}

export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: request.url.split('?')[0],
      remoteAddress: request.ip,
    }
  },
}
