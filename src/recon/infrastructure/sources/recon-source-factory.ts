import type { ReconSource } from '../../domain/recon-source.js';
import type { ReconSourceConfig } from '../../domain/recon-source-config.js';

/**
 * Builds a ReconSource from a configured entry. Each adapter type has one factory, provided under the
 * RECON_SOURCE_FACTORIES token: adding a custom adapter is adding a factory to that list.
 */
export interface ReconSourceFactory {
  readonly type: string;
  create(config: ReconSourceConfig): ReconSource;
  /** Whether a run of this source needs a file (`file_path`, an upload, or the source's file_pattern). */
  readonly needsFile: boolean;
}

export const RECON_SOURCE_FACTORIES = Symbol('RECON_SOURCE_FACTORIES');
