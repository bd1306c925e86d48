import { rm } from 'node:fs/promises';
import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequireScope } from '../../auth/auth.decorators.js';
import { DomainError, ValidationFailed } from '../../common/errors/domain-error.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { validateDto } from '../../common/http/validate-dto.js';
import { PreviewSourceQuery } from '../queries/preview-source.query.js';
import { ReconSettings } from '../recon-settings.js';
import { PreviewSourceDto, PreviewSourceUpload } from './dto/preview-source.dto.js';
import { ReconSourcePreviewResponse } from './dto/source-preview-response.dto.js';
import { resolveInboxPath } from './inbox-path.js';
import { receiveRunRequest } from './upload-receiver.js';

/** Parses a file as a source would, without a job: for getting a mapping right before the first run. */
@ApiTags('recon')
@ApiExtraModels(PreviewSourceDto, PreviewSourceUpload)
@RequireScope('recon:run')
@Controller('recon/sources')
export class SourcePreviewController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly settings: ReconSettings,
  ) {}

  @Post(':name/preview')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'previewReconSource',
    summary: 'Parse a file with a source’s definition and show records, rejected rows, the detected dialect and statement balance checks; creates no job',
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(PreviewSourceDto) } },
        'multipart/form-data': { schema: { $ref: getSchemaPath(PreviewSourceUpload) } },
      },
    },
  })
  @ApiParam({ name: 'name', description: 'A source named in RECON_SOURCES_FILE', example: 'bank_mt940' })
  @ApiOkResponse({ type: ReconSourcePreviewResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED, RECON_SOURCE_UNKNOWN, RECON_FILE_REQUIRED, RECON_FILE_NOT_FOUND, RECON_FORMAT_MISMATCH, RECON_PREVIEW_UNSUPPORTED',
    413: 'PAYLOAD_TOO_LARGE',
    422: 'RECON_SOURCE_INVALID',
  })
  async preview(@Param('name') name: string, @Req() request: FastifyRequest) {
    const received = await receiveRunRequest(request, this.settings.uploadDir, this.settings.uploadBytesMax);
    try {
      const body = await validateDto(PreviewSourceDto, received.fields);
      if (received.uploadPath && body.file_path) throw ValidationFailed.field('file_path', 'give either file_path or an uploaded file, not both');
      const filePath = received.uploadPath ?? (body.file_path ? resolveInboxPath(this.settings.inboxDir, body.file_path) : undefined);
      if (!filePath) throw new DomainError('RECON_FILE_REQUIRED', 'validation', 'file_path: give file_path or upload a file', [{ field: 'file_path', message: 'required' }]);
      return await this.queryBus.execute(new PreviewSourceQuery(name, filePath, body.limit ?? 20));
    } finally {
      // A preview keeps nothing.
      if (received.uploadPath) await rm(received.uploadPath, { force: true });
    }
  }
}
