import type { FastifyBaseLogger } from 'fastify'
import nodemailer from 'nodemailer'
import type { Config } from '../config.ts'

export interface Mail {
  to: string
  subject: string
  text: string
  /** A link the recipient must open; shown in the development log when SMTP is not configured. */
  link?: string
}

export interface Mailer {
  send(mail: Mail): Promise<void>
}

/** Keeps mail in memory: what tests read instead of an inbox. */
export class MemoryMailer implements Mailer {
  readonly sent: Mail[] = []
  async send(mail: Mail): Promise<void> {
    this.sent.push(mail)
  }
  lastTo(to: string): Mail | undefined {
    return this.sent.findLast((m) => m.to === to.toLowerCase() || m.to === to)
  }
}

/**
 * SMTP when configured. Otherwise, in development, the link goes to the log (never the address:
 * logs carry no personal data); in production the mail is dropped with a warning.
 */
export function createMailer(config: Config, log: FastifyBaseLogger): Mailer {
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL)
    return {
      async send(mail) {
        await transport.sendMail({
          from: config.MAIL_FROM,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
        })
      },
    }
  }
  return {
    async send(mail) {
      if (config.isProduction)
        log.warn({ subject: mail.subject }, 'SMTP_URL is not set; e-mail not delivered')
      else log.info({ subject: mail.subject, link: mail.link }, 'e-mail (development: SMTP_URL not set)')
    },
  }
}
