import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {} from '@fastify/multipart';
import { Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError, ValidationFailed } from '../../common/errors/domain-error.js';

export class UploadTooLarge extends DomainError {
  constructor(bytesMax: number) {
    super('PAYLOAD_TOO_LARGE', 'too_large', `file: the upload is larger than ${bytesMax} bytes`);
  }
}

/**
 * The upload directory cannot be written (EACCES, ENOSPC, EROFS, ...): the server's fault, not the
 * client's, so a 503 the operator sees in the log rather than a 400. The path stays in the log only.
 */
export class UploadStorageUnavailable extends DomainError {
  constructor() {
    super('UPLOAD_STORAGE_UNAVAILABLE', 'unavailable', 'The server cannot store uploaded files right now (see its log); retry later or give file_path instead');
  }
}

export interface ReceivedRequest {
  fields: Record<string, unknown>;
  /** The uploaded `file`, streamed to disk; the caller deletes it when the job no longer needs it. */
  uploadPath?: string;
}

const logger = new Logger('ReconUpload');

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
      uploadPath = join(uploadDir, `${randomUUID()}.csv`);
      await store(part.file, uploadDir, uploadPath);
      if (part.file.truncated) throw new UploadTooLarge(bytesMax);
    }
  } catch (error) {
    if (uploadPath) await rm(uploadPath, { force: true }).catch(() => undefined);
    if (error instanceof DomainError || (error as { code?: string }).code?.startsWith('FST_')) throw error;
    // busboy's own parse errors ("Unexpected end of multipart data") are the client's malformed body.
    throw new DomainError('MALFORMED_REQUEST', 'validation', `The multipart body could not be read: ${(error as Error).message}`);
  }
  return { fields, uploadPath };
}

/** Streams `file` to `path`. Only a failure of our own directory or file is the server's; the body's are the client's. */
async function store(file: Readable, uploadDir: string, path: string): Promise<void> {
  const sink = await openSink(uploadDir, path);
  let sinkError: unknown;
  sink.once('error', (error) => (sinkError = error));
  try {
    await pipeline(file, sink);
  } catch (error) {
    if (error === sinkError) throw storageFailure(uploadDir, error);
    throw error;
  }
}

async function openSink(uploadDir: string, path: string) {
  try {
    await mkdir(uploadDir, { recursive: true });
  } catch (error) {
    throw storageFailure(uploadDir, error);
  }
  return createWriteStream(path);
}

function storageFailure(uploadDir: string, error: unknown): UploadStorageUnavailable {
  logger.error(`Cannot store an upload in RECON_UPLOAD_DIR ${uploadDir}: ${(error as Error).message}`);
  return new UploadStorageUnavailable();
}
