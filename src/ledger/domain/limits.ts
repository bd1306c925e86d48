/**
 * Every bound the ledger enforces, in one place (TigerBeetle style): checked at the edge, so nothing
 * downstream has to wonder how large a thing can get.
 */
export const amountIntegerDigitsMax = 18;
export const referenceLengthMax = 128;
export const accountTypeLengthMax = 32;
export const metadataBytesMax = 8_192;
export const metadataDepthMax = 5;
export const pageSizeDefault = 50;
export const pageSizeMax = 500;
export const idempotencyKeyLengthMax = 255;
/** Retries of a whole batch after a serialization failure, deadlock or lost race (so at most 4 attempts). */
export const commandRetriesMax = 3;
/** How far in the future a transfer's occurred_at may be, for clients whose clocks run ahead. */
export const clockSkewMillisecondsMax = 5 * 60 * 1000;
/** Transfers in one POST /ledger/transfers/batch. */
export const transferBatchItemsMax = 1_000;
/** The batch route's own body limits: room for every transfer at its largest metadata, and no more. */
export const transferBatchBodyBytesMax = 10 * 1024 * 1024;
export const transferBatchJsonEntriesMax = 100_000;
