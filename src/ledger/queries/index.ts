import { GetAccountHandler } from './get-account.query.js';
import { GetBalanceHandler } from './get-balance.query.js';
import { GetStatementHandler } from './get-statement.query.js';
import { GetTransferHandler } from './get-transfer.query.js';
import { ListAccountsHandler } from './list-accounts.query.js';
import { ListEventsHandler } from './list-events.query.js';
import { ListTransfersHandler } from './list-transfers.query.js';

export const ledgerQueryHandlers = [GetAccountHandler, GetBalanceHandler, GetTransferHandler, ListAccountsHandler, ListEventsHandler, ListTransfersHandler, GetStatementHandler];
