import { AGGREGATE_CATEGORIES, eventCatalog, isDomainEventType } from '@koproduktiv/domain';
import { streamCategory } from '@koproduktiv/event-store';

/** Bumped when the envelope or the published data change incompatibly; consumers move topic by topic. */
export const TOPIC_VERSION = 'v1';

/** `<prefix>.<category>.v1`: one topic per aggregate category (case, initiative, fund, unit). */
export const topicFor = (prefix: string, category: string) => `${prefix}.${category}.${TOPIC_VERSION}`;

/** Where events go that can never be published; carries the reason, never the data. */
export const deadLetterTopic = (prefix: string) => `${prefix}.deadletter.${TOPIC_VERSION}`;

/** Every topic the relay writes to, dead letters included (to create them up front). */
export const relayTopics = (prefix: string) => [
  ...AGGREGATE_CATEGORIES.map((category) => topicFor(prefix, category)),
  deadLetterTopic(prefix),
];

/** The aggregate category of an event: from the catalog, else the stream id's `<category>-` prefix. */
export function categoryOf(type: string, streamId: string): string {
  if (isDomainEventType(type)) return eventCatalog[type];
  const category = streamCategory(streamId);
  return category && category !== streamId ? category : 'unknown';
}
