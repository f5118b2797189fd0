import type { CasesideDb } from '../../lib/db/schema';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';

/** What every section of a recorded conversation gets. */
export interface ConversationContext {
  db: CasesideDb;
  brandId: string;
  customerId: string;
  conversationId: string;
  snapshot: ConversationSnapshot;
}
