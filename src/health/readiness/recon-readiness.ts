import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ReconSettings } from '../../recon/recon-settings.js';

/**
 * The recon sources were validated when the process started; what can go wrong since is the inbox their
 * files are read from: it must still be a readable directory. Misconfigured sources are listed with their
 * problem but do not make the replica unready: the ledger and the other sources still serve.
 */
@Injectable()
export class ReconReadiness {
  constructor(
    private readonly settings: ReconSettings,
    private readonly indicators: HealthIndicatorService,
  ) {}

  sourcesUsable() {
    return this.indicators.check('recon_sources').attempt(async () => {
      const sources = this.settings.allSources();
      if (sources.some((source) => source.needsFile)) {
        await access(this.settings.inboxDir, constants.R_OK | constants.X_OK).catch(() => {
          throw new Error(`RECON_INBOX_DIR ${this.settings.inboxDir} is not a readable directory`);
        });
      }
      const misconfigured = Object.fromEntries(this.settings.problems);
      return { sources: sources.map((source) => source.config.name), ...(this.settings.problems.size > 0 ? { misconfigured } : {}) };
    });
  }
}
