/**
 * Injected on a user gesture (context menu → activeTab) into the page the agent wants to keep:
 * runs Readability on a clone of the document in the extension's isolated world and returns
 * the sanitised article. It stores nothing and is never injected by itself.
 */
import { captureFromDocument } from '../lib/knowledge/capture';

export default defineUnlistedScript(() => captureFromDocument(document, location.href));
