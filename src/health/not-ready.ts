import { DomainError } from '../common/errors/domain-error.js';

/** 503 from /health/ready, one detail per failing check: `{field: "database", message: "..."}`. */
export class NotReady extends DomainError {
  constructor(failing: Record<string, Record<string, unknown> | undefined>) {
    const details = Object.entries(failing).map(([field, result]) => ({ field, message: String(result?.message ?? 'down') }));
    super('NOT_READY', 'unavailable', `Not ready: ${details.map((detail) => detail.field).join(', ')}`, details);
  }
}
