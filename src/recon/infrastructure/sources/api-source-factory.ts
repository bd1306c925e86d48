import { Injectable } from '@nestjs/common';
import type { ReconSourceConfig } from '../../domain/recon-source-config.js';
import { ApiSource, type ApiSourceOptions } from './api-source.js';
import type { ReconSourceFactory } from './recon-source-factory.js';

/** `type: "api"`: options are ApiSourceOptions (url, headers, recordsPath, pagination, fields, ...). */
@Injectable()
export class ApiSourceFactory implements ReconSourceFactory {
  readonly type = 'api';
  readonly needsFile = false;

  create(config: ReconSourceConfig): ApiSource {
    return new ApiSource(config.options as unknown as ApiSourceOptions, config.name);
  }
}
