import { LedgerSchema1764080000000 } from './1764080000000-LedgerSchema.js';
import { EventHashChain1764110000000 } from './1764110000000-EventHashChain.js';
import { ReconSchema1764100000000 } from './1764100000000-ReconSchema.js';
import { TransferOccurredAt1764090000000 } from './1764090000000-TransferOccurredAt.js';
import { ApiKeys1764120000000 } from './1764120000000-ApiKeys.js';
import { LedgerListIndexes1764130000000 } from './1764130000000-LedgerListIndexes.js';
import { Observability1764140000000 } from './1764140000000-Observability.js';
import { KeyIdentity1764150000000 } from './1764150000000-KeyIdentity.js';
import { EventBlocks1764160000000 } from './1764160000000-EventBlocks.js';
import { GroupCommit1764165000000 } from './1764165000000-GroupCommit.js';
import { Webhooks1764170000000 } from './1764170000000-Webhooks.js';
import { StatementBalances1764180000000 } from './1764180000000-StatementBalances.js';
import { ReconEngine1764185000000 } from './1764185000000-ReconEngine.js';
import { ReconDatesAndDirection1764186000000 } from './1764186000000-ReconDatesAndDirection.js';
import { ReconRules1764187000000 } from './1764187000000-ReconRules.js';
import { ReconMatchGroups1764188000000 } from './1764188000000-ReconMatchGroups.js';
import { ReconStagingOrder1764189000000 } from './1764189000000-ReconStagingOrder.js';

/** Migrations are listed as classes: TypeORM's glob loading does not work under ESM. Append, never reorder. */
export const migrations = [LedgerSchema1764080000000, TransferOccurredAt1764090000000, ReconSchema1764100000000, EventHashChain1764110000000, ApiKeys1764120000000, LedgerListIndexes1764130000000, Observability1764140000000, KeyIdentity1764150000000, EventBlocks1764160000000, GroupCommit1764165000000, Webhooks1764170000000, StatementBalances1764180000000, ReconEngine1764185000000, ReconDatesAndDirection1764186000000, ReconRules1764187000000, ReconMatchGroups1764188000000, ReconStagingOrder1764189000000];
