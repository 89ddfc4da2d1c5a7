import { DOMAIN_EVENT_TYPES, eventCatalog } from '@koproduktiv/domain';
import { PUBLISHED_FIELDS, WITHHELD_FIELDS } from './published-fields';
import { topicFor } from './topics';

/** The table in libs/messaging/README.md, generated from the whitelist (a spec keeps the two equal). */
export function publishedFieldsTable(prefix = '<prefix>'): string {
  const rows = DOMAIN_EVENT_TYPES.map((type) => {
    const withheld = Object.entries(WITHHELD_FIELDS[type] ?? {}).map(([field, why]) => `\`${field}\` (${why})`);
    const published = PUBLISHED_FIELDS[type].map((field) => `\`${field}\``).join(', ');
    return `| \`${type}\` | \`${topicFor(prefix, eventCatalog[type])}\` | ${published} | ${withheld.join(', ') || '—'} |`;
  });
  return ['| event type | topic | published fields | withheld |', '|---|---|---|---|', ...rows].join('\n');
}
