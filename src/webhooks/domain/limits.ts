/** Every queue and batch of the webhooks has a declared maximum. */

/** Facts read from each stream per subscription when its queue runs dry. */
export const factBatchSizeMax = 100;

/** Deliveries one subscription sends per dispatcher tick, so one busy subscription cannot starve the others' turns. */
export const deliveriesPerTickMax = 200;

/** Subscriptions delivered to at the same time (each one strictly in order). */
export const subscriptionsInFlightMax = 16;

/** Bytes of a failed response's body kept with the attempt, to say why the receiver refused. */
export const responseExcerptBytesMax = 200;

/** Event types one subscription may list. */
export const eventTypesPerSubscriptionMax = 16;

/** The longest secret rotation overlap: both signatures are sent until the previous secret expires. */
export const rotationOverlapSecondsMax = 7 * 86_400;
