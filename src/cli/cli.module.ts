import { Module } from '@nestjs/common';
import { CliProgram } from './cli-program.js';
import { CreateApiKeyCommand } from './commands/create-api-key.command.js';
import { MigrateCommand } from './commands/migrate.command.js';
import { RebuildProjectionsCommand } from './commands/rebuild-projections.command.js';
import { RevokeApiKeyCommand } from './commands/revoke-api-key.command.js';
import { PreviewSourceCommand } from './commands/preview-source.command.js';
import { RunReconCliCommand } from './commands/run-recon.command.js';
import { SeedCommand } from './commands/seed.command.js';
import { VerifyCommand } from './commands/verify.command.js';
import { RetentionSweepCommand } from './commands/retention-sweep.command.js';
import { WebhooksCreateCommand } from './commands/webhooks-create.command.js';
import { WebhooksListCommand } from './commands/webhooks-list.command.js';
import { WebhooksReplayCommand } from './commands/webhooks-replay.command.js';
import { WebhooksRotateSecretCommand } from './commands/webhooks-rotate-secret.command.js';
import { WebhooksDeleteCommand, WebhooksPauseCommand, WebhooksResumeCommand } from './commands/webhooks-status.commands.js';
import { WebhooksUpdateCommand } from './commands/webhooks-update.command.js';

/**
 * The CLI's surface only: each command's name, options and help. A command imports its job (src/cli/jobs)
 * when it runs, and the job boots the modules it needs (withCommandContext), so `--help` and `--version` load
 * neither TypeORM nor the ledger and never touch the database.
 */
@Module({
  providers: [
    CliProgram, SeedCommand, MigrateCommand, RebuildProjectionsCommand, RunReconCliCommand, VerifyCommand, CreateApiKeyCommand, RevokeApiKeyCommand,
    WebhooksCreateCommand, WebhooksListCommand, WebhooksUpdateCommand, WebhooksPauseCommand, WebhooksResumeCommand, WebhooksDeleteCommand,
    WebhooksRotateSecretCommand, WebhooksReplayCommand, RetentionSweepCommand, PreviewSourceCommand,
  ],
})
export class CliModule {}
