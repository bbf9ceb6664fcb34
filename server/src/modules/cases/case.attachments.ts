import { createHash } from 'node:crypto'
import { type Db, schema } from '@liandong/db'
import { and, count, eq } from 'drizzle-orm'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import type { SecretBox } from '../../crypto/secret-box.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import { loadCase } from './case.access.ts'
import { caseEvent } from './case.records.ts'
import { type AttachmentInput, type attachmentTypes, MAX_ATTACHMENT_BYTES } from './case.schemas.ts'
import { recordView } from './case.views.ts'

const { caseAttachments, caseRecords } = schema
export const MAX_ATTACHMENTS_PER_CASE = 50

// The first bytes of each accepted type: a file is what it is, not what its name or header says.
const signatures: Record<(typeof attachmentTypes)[number], number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
}
export const looksLike = (type: keyof typeof signatures, bytes: Buffer) =>
  signatures[type].every((b, i) => bytes[i] === b)

/**
 * Files kept with a case, sealed in the database (name and bytes). Nothing about a file's
 * content is logged; the audit row holds its id, type and size.
 */
export function caseAttachmentsService({ database, clock }: Infrastructure, box: SecretBox) {
  const db: Db = database.db
  return {
    async upload(principal: Principal, id: string, input: Static<typeof AttachmentInput>) {
      const bytes = Buffer.from(input.content, 'base64')
      if (bytes.length > MAX_ATTACHMENT_BYTES)
        throw new ValidationError([
          {
            field: 'body.content',
            code: 'field.file_too_large',
            params: { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 },
          },
        ])
      if (!looksLike(input.contentType, bytes))
        throw new ValidationError([{ field: 'body.content', code: 'field.file_type' }])
      return db.transaction(async (tx) => {
        const { row } = await loadCase(tx, principal, id, 'write', true)
        if (row.status === 'referred_out') throw new ConflictError('case.closed')
        if (input.recordId) {
          const [record] = await tx
            .select({ id: caseRecords.id })
            .from(caseRecords)
            .where(and(eq(caseRecords.id, input.recordId), eq(caseRecords.caseId, id)))
          if (!record) throw new ValidationError([{ field: 'body.recordId', code: 'field.case_record' }])
        }
        const [{ n } = { n: 0 }] = await tx
          .select({ n: count() })
          .from(caseAttachments)
          .where(eq(caseAttachments.caseId, id))
        if (n >= MAX_ATTACHMENTS_PER_CASE)
          throw new ConflictError('case.too_many_files', { max: MAX_ATTACHMENTS_PER_CASE })
        const at = clock.now()
        const [saved] = await tx
          .insert(caseAttachments)
          .values({
            caseId: id,
            recordId: input.recordId ?? null,
            fileNameSealed: box.seal(input.fileName.trim()),
            contentType: input.contentType,
            size: bytes.length,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            dataSealed: box.seal(bytes.toString('base64')),
            uploadedBy: principal.userId,
            createdAt: at,
          })
          .returning({
            id: caseAttachments.id,
            size: caseAttachments.size,
            contentType: caseAttachments.contentType,
          })
        await caseEvent(tx, id, principal.userId, 'attached', at, { attachment: saved!.id })
        return { caseRow: row, attachment: saved! }
      })
    },

    async download(principal: Principal, id: string, attachmentId: string) {
      const { row } = await loadCase(db, principal, id, 'read')
      const [file] = await db
        .select()
        .from(caseAttachments)
        .where(and(eq(caseAttachments.id, attachmentId), eq(caseAttachments.caseId, id)))
      if (!file) throw new NotFoundError()
      await recordView(db, id, principal.userId, clock.now(), 'attachment', file.id)
      return {
        caseRow: row,
        fileName: box.open(file.fileNameSealed),
        contentType: file.contentType,
        bytes: Buffer.from(box.open(file.dataSealed), 'base64'),
      }
    },
  }
}
