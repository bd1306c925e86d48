import type { AccountOpened } from './account-opened.event.js';
import type { AccountCredited, AccountDebited } from './posting.event.js';

export { AccountOpened } from './account-opened.event.js';
export { AccountCredited, AccountDebited, PostingEvent } from './posting.event.js';
export type { LedgerEvent, LedgerEventType, PostingFields } from './ledger-event.js';
export type AccountEvent = AccountOpened | AccountDebited | AccountCredited;
