import { AccountBalanceEntity } from './account-balance.entity.js';
import { AccountEntity } from './account.entity.js';
import { EventEntity } from './event.entity.js';
import { StatementLineEntity } from './statement-line.entity.js';
import { TransferEntity } from './transfer.entity.js';

export { AccountBalanceEntity, AccountEntity, EventEntity, StatementLineEntity, TransferEntity };
export const ledgerEntities = [AccountEntity, AccountBalanceEntity, TransferEntity, EventEntity, StatementLineEntity];
