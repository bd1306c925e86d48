import { Injectable } from '@nestjs/common';
import { ValidationFailed } from '../../../common/errors/domain-error.js';
import type { ColumnMapping } from '../../domain/recon-source.js';
import type { ReconSourceConfig } from '../../domain/recon-source-config.js';
import { CsvSource } from './csv-source.js';
import type { ReconSourceFactory } from './recon-source-factory.js';

/** `type: "csv"`: options `{ mapping: ColumnMapping, file_pattern?: "bank_{date}.csv" }`. */
@Injectable()
export class CsvSourceFactory implements ReconSourceFactory {
  readonly type = 'csv';
  readonly needsFile = true;

  create(config: ReconSourceConfig): CsvSource {
    const mapping = config.options.mapping;
    if (mapping === null || typeof mapping !== 'object') throw ValidationFailed.field(`sources.${config.name}.options.mapping`, 'is required for a csv source');
    return new CsvSource(mapping as ColumnMapping, config.name);
  }
}
