// Logs never carry personal data: request bodies are not logged at all, and these paths are
// censored wherever an object reaches the logger by mistake.
export const logRedactions = {
  paths: [
    'req.headers.cookie',
    'req.headers.authorization',
    'res.headers["set-cookie"]',
    '*.password',
    '*.newPassword',
    '*.email',
    '*.phone',
    '*.idNumber',
    '*.name',
    '*.displayName',
    '*.address',
    '*.token',
    '*.totpSecret',
  ],
  censor: '[redacted]',
}
