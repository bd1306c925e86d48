import { rm } from 'node:fs/promises';
import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequireScope } from '../../auth/auth.decorators.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { uuidParam } from '../../common/http/validation.js';
import { validateDto } from '../../common/http/validate-dto.js';
import { ValidationFailed } from '../../common/errors/domain-error.js';
import { Decimal } from '../../common/money/decimal.js';
import { RunReconCommand } from '../commands/run-recon/run-recon.command.js';
import { requireBusinessDate } from '../domain/business-date.js';
import { GetReconJobQuery, GetReconSummaryQuery, ListReconJobsQuery, ListReconLogsQuery } from '../queries/recon.queries.js';
import { ReconSettings } from '../recon-settings.js';
import { resolveInboxPath } from './inbox-path.js';
import { JobsQueryDto, LogsQueryDto, SourceQueryDto, SummaryQueryDto } from './dto/recon-query.dto.js';
import { RunReconDto } from './dto/run-recon.dto.js';
import { logsExample, statusExample, summaryExample } from './recon-examples.js';
import { receiveRunRequest } from './upload-receiver.js';

@ApiTags('recon')
@RequireScope('recon:read')
@Controller('recon')
export class ReconController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly settings: ReconSettings,
  ) {}

  @Post('run')
  @RequireScope('recon:run')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a reconciliation job (JSON, or multipart with a CSV `file`); it runs in the background' })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: RunReconDto })
  @ApiAcceptedResponse({ schema: { example: { job_id: '7d0b7c8e-2f43-4a3e-9d7e-0f6a1f1c2b3a', status: 'pending' } } })
  @ApiErrors({ 400: 'VALIDATION_FAILED, RECON_SOURCE_UNKNOWN, RECON_FILE_REQUIRED, RECON_FILE_NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE' })
  async run(@Req() request: FastifyRequest) {
    const received = await receiveRunRequest(request, this.settings.uploadDir, this.settings.uploadBytesMax);
    try {
      const body = await validateDto(RunReconDto, received.fields);
      if (received.uploadPath && body.file_path) throw ValidationFailed.field('file_path', 'give either file_path or an uploaded file, not both');
      const filePath = received.uploadPath ?? (body.file_path ? resolveInboxPath(this.settings.inboxDir, body.file_path) : undefined);
      const params = {
        // null, like an absent field, means the default (the DTO's @IsOptional lets both through).
        ...(body.fuzzy_threshold != null && { fuzzyThreshold: body.fuzzy_threshold }),
        ...(body.allowed_amount_diff != null && { allowedAmountDiff: new Decimal(body.allowed_amount_diff) }),
        ...(body.max_time_diff_minutes != null && { maxTimeDiffMinutes: body.max_time_diff_minutes }),
      };
      return await this.commandBus.execute(new RunReconCommand(body.source, body.date, 'api', { accountId: body.account_id, filePath, params, correlationId: request.id }));
    } catch (error) {
      if (received.uploadPath) await rm(received.uploadPath, { force: true });
      throw error;
    }
  }

  @Get('status/:date')
  @ApiOperation({ summary: 'The latest job of a business date (and source)' })
  @ApiOkResponse({ schema: { example: statusExample } })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'RECON_JOB_NOT_FOUND' })
  async status(@Param('date') date: string, @Query() query: SourceQueryDto) {
    const job = await this.queryBus.execute(new GetReconJobQuery({ date: requireBusinessDate(date), source: query.source }));
    const { job_id, source, status, started_at, finished_at, error, counts } = job;
    return { job_id, source, date: job.date, status, started_at, finished_at, error, counts };
  }

  @Get('summary/:date')
  @ApiOperation({ summary: 'Totals of the latest job of a business date (or of job_id)' })
  @ApiOkResponse({ schema: { example: summaryExample } })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'RECON_JOB_NOT_FOUND, RECON_SUMMARY_NOT_READY' })
  summary(@Param('date') date: string, @Query() query: SummaryQueryDto) {
    return this.queryBus.execute(new GetReconSummaryQuery({ date: requireBusinessDate(date), source: query.source, jobId: query.job_id }));
  }

  @Get('logs')
  @ApiOperation({ summary: 'Matched pairs, unmatched records and rejected rows of a job, with reasons' })
  @ApiOkResponse({ schema: { example: logsExample } })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'RECON_JOB_NOT_FOUND' })
  logs(@Query() query: LogsQueryDto) {
    if (!query.job_id && !query.date) throw ValidationFailed.field('date', 'give date (with source) or job_id');
    return this.queryBus.execute(new ListReconLogsQuery({ date: query.date, source: query.source, jobId: query.job_id }, query.matched, query.limit, query.cursor));
  }

  @Get('jobs')
  @ApiOperation({ summary: 'Jobs, newest first, by date and source' })
  @ApiOkResponse({ description: '{ data: [job...] }' })
  @ApiErrors({ 400: 'VALIDATION_FAILED' })
  async jobs(@Query() query: JobsQueryDto) {
    return { data: await this.queryBus.execute(new ListReconJobsQuery(query.date, query.source, 100)) };
  }

  @Get('jobs/:id')
  @ApiOperation({ summary: 'One job with its parameters, status and counts' })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'RECON_JOB_NOT_FOUND' })
  job(@Param('id', uuidParam('id')) id: string) {
    return this.queryBus.execute(new GetReconJobQuery({ jobId: id }));
  }
}

