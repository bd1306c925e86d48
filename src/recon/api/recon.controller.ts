import { rm } from 'node:fs/promises';
import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
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
import { ReconCurrencyAmounts, ReconJobListResponse, ReconJobResponse, ReconLogPageResponse, ReconRunAccepted, ReconStatusResponse, ReconSummaryResponse } from './dto/recon-responses.dto.js';
import { RunReconDto, RunReconUpload } from './dto/run-recon.dto.js';
import { jobExample, logsExample, statusExample, summaryExample } from './recon-examples.js';
import { receiveRunRequest } from './upload-receiver.js';

const BusinessDateParam = () => ApiParam({ name: 'date', description: 'Business date, YYYY-MM-DD', schema: { type: 'string', format: 'date' }, example: '2025-07-13' });

@ApiTags('recon')
@ApiExtraModels(RunReconDto, RunReconUpload, ReconCurrencyAmounts)
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
  @ApiOperation({
    operationId: 'runRecon',
    summary: 'Start a reconciliation job (JSON, or multipart with a CSV `file`); it runs in the background',
    // Written out because the handler reads the request itself (JSON or a streamed upload), not through @Body().
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(RunReconDto) } },
        'multipart/form-data': { schema: { $ref: getSchemaPath(RunReconUpload) }, encoding: { file: { contentType: 'text/csv' } } },
      },
    },
  })
  @ApiAcceptedResponse({ type: ReconRunAccepted, example: { job_id: statusExample.job_id, status: 'pending' } })
  @ApiErrors({ 400: 'VALIDATION_FAILED, RECON_SOURCE_UNKNOWN, RECON_FILE_REQUIRED, RECON_FILE_NOT_FOUND', 409: 'RECON_JOB_RUNNING, RECON_JOBS_BUSY', 413: 'PAYLOAD_TOO_LARGE', 503: 'UPLOAD_STORAGE_UNAVAILABLE' })
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
      const period = periodOf(body);
      return await this.commandBus.execute(new RunReconCommand(body.source, period.from, 'api', { periodTo: period.to, accountId: body.account_id, filePath, params, correlationId: request.id }));
    } catch (error) {
      if (received.uploadPath) await rm(received.uploadPath, { force: true });
      throw error;
    }
  }

  @Get('status/:date')
  @ApiOperation({ operationId: 'getReconStatus', summary: 'The latest job of a business date (and source)' })
  @BusinessDateParam()
  @ApiOkResponse({ type: ReconStatusResponse, example: statusExample })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'RECON_JOB_NOT_FOUND' })
  async status(@Param('date') date: string, @Query() query: SourceQueryDto) {
    const job = await this.queryBus.execute(new GetReconJobQuery({ date: requireBusinessDate(date), source: query.source }));
    const { job_id, source, period_from, period_to, status, started_at, finished_at, error, counts, superseded_by } = job;
    return { job_id, source, date: job.date, period_from, period_to, status, started_at, finished_at, error, counts, superseded_by };
  }

  @Get('summary/:date')
  @ApiOperation({ operationId: 'getReconSummary', summary: 'Totals of the latest job of a business date (or of job_id)' })
  @BusinessDateParam()
  @ApiOkResponse({ type: ReconSummaryResponse, example: summaryExample })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'RECON_JOB_NOT_FOUND, RECON_SUMMARY_NOT_READY' })
  summary(@Param('date') date: string, @Query() query: SummaryQueryDto) {
    return this.queryBus.execute(new GetReconSummaryQuery({ date: requireBusinessDate(date), source: query.source, jobId: query.job_id }));
  }

  @Get('logs')
  @ApiOperation({ operationId: 'listReconLogs', summary: 'Matched pairs, unmatched records and rejected rows of a job, with reasons' })
  @ApiOkResponse({ type: ReconLogPageResponse, example: logsExample })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'RECON_JOB_NOT_FOUND' })
  logs(@Query() query: LogsQueryDto) {
    if (!query.job_id && !query.date) throw ValidationFailed.field('date', 'give date (with source) or job_id');
    return this.queryBus.execute(new ListReconLogsQuery({ date: query.date, source: query.source, jobId: query.job_id }, query.matched, query.limit, query.cursor));
  }

  @Get('jobs')
  @ApiOperation({ operationId: 'listReconJobs', summary: 'Jobs, newest first, by date (period covering it), period overlap (from, to) and source' })
  @ApiOkResponse({ type: ReconJobListResponse, example: { data: [jobExample] } })
  @ApiErrors({ 400: 'VALIDATION_FAILED' })
  async jobs(@Query() query: JobsQueryDto) {
    return { data: await this.queryBus.execute(new ListReconJobsQuery(query.date, query.source, 100, { from: query.from, to: query.to })) };
  }

  @Get('jobs/:id')
  @ApiOperation({ operationId: 'getReconJob', summary: 'One job with its parameters, status and counts' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ReconJobResponse, example: jobExample })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'RECON_JOB_NOT_FOUND' })
  job(@Param('id', uuidParam('id')) id: string) {
    return this.queryBus.execute(new GetReconJobQuery({ jobId: id }));
  }
}


/** `date` is the period of one day; otherwise both `from` and `to`. */
function periodOf(body: RunReconDto): { from: string; to: string } {
  if (body.date !== undefined && (body.from !== undefined || body.to !== undefined)) throw ValidationFailed.field('date', 'give date, or from and to, not both');
  if (body.date !== undefined) return { from: body.date, to: body.date };
  if (body.from === undefined || body.to === undefined) throw ValidationFailed.field(body.from === undefined ? 'from' : 'to', 'give date, or both from and to');
  return { from: body.from, to: body.to };
}
