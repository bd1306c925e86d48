import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError, ValidationFailed } from '../../common/errors/domain-error.js';

export class UploadTooLarge extends DomainError {
  constructor(bytesMax: number) {
    super('PAYLOAD_TOO_LARGE', 'too_large', `file: the upload is larger than ${bytesMax} bytes`);
  }
}

export interface ReceivedRequest {
  fields: Record<string, unknown>;
  /** The uploaded `file`, streamed to disk; the caller deletes it when the job no longer needs it. */
  uploadPath?: string;
}

/**
 * Reads a run request: a JSON body, or multipart with one `file` part streamed to `uploadDir` (never held
 * in memory). A file over `bytesMax` is deleted and refused; @fastify/multipart only marks it truncated.
 */
export async function receiveRunRequest(request: FastifyRequest, uploadDir: string, bytesMax: number): Promise<ReceivedRequest> {
  if (!request.isMultipart()) return { fields: (request.body ?? {}) as Record<string, unknown> };
  // No prototype: a field named __proto__ must stay data (and is then refused by the DTO validation).
  const fields: Record<string, unknown> = Object.create(null);
  let uploadPath: string | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: bytesMax, files: 1, fields: 20 } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || uploadPath) throw ValidationFailed.field(part.fieldname, 'only one file, in the field "file", is accepted');
      await mkdir(uploadDir, { recursive: true });
      uploadPath = join(uploadDir, `${randomUUID()}.csv`);
      await pipeline(part.file, createWriteStream(uploadPath));
      if (part.file.truncated) throw new UploadTooLarge(bytesMax);
    }
  } catch (error) {
    if (uploadPath) await rm(uploadPath, { force: true });
    if (error instanceof DomainError || (error as { code?: string }).code?.startsWith('FST_')) throw error;
    // busboy's own parse errors ("Unexpected end of multipart data") are the client's malformed body.
    throw new DomainError('MALFORMED_REQUEST', 'validation', `The multipart body could not be read: ${(error as Error).message}`);
  }
  return { fields, uploadPath };
}
