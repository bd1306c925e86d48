import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LedgerReader, type EventFilter } from '../infrastructure/ledger-reader.js';
import type { EventView, Page } from './views.js';

/** Events oldest first; `filter.after` is the `next_cursor` (a position) of the previous page. */
export class ListEventsQuery extends Query<Page<EventView>> {
  constructor(
    readonly filter: EventFilter,
    readonly limit: number,
  ) {
    super();
  }
}

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery> {
  constructor(private readonly reader: LedgerReader) {}

  execute(query: ListEventsQuery): Promise<Page<EventView>> {
    return this.reader.events(query.filter, query.limit);
  }
}
