import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAIN_EVENT_TYPES, PERSONAL_DATA } from '@koproduktiv/domain';
import { freshIds, PERSONAL_CONTACT, sampleEventData } from '../testing/sample-events';
import { publishedFieldsTable } from './field-table';
import { PUBLISHED_FIELDS, publishedData, WITHHELD_FIELDS } from './published-fields';

const samples = sampleEventData(freshIds());

describe('integration-event schema (published fields)', () => {
  it.each(DOMAIN_EVENT_TYPES)('%s: every field is either published or withheld with a reason, never both', (type) => {
    const published: readonly string[] = PUBLISHED_FIELDS[type];
    const withheld = Object.keys(WITHHELD_FIELDS[type] ?? {});
    expect(published.filter((field) => withheld.includes(field))).toEqual([]);
    expect([...published, ...withheld].sort()).toEqual(Object.keys(samples[type]).sort());
  });

  it.each(DOMAIN_EVENT_TYPES)('%s: publishes none of the personal data fields the domain marks', (type) => {
    const personal: readonly string[] = PERSONAL_DATA[type]?.fields ?? [];
    const withheldAsPersonal = Object.entries(WITHHELD_FIELDS[type] ?? {}).filter(([, why]) => why === 'personal data');
    expect(withheldAsPersonal.map(([field]) => field).sort()).toEqual([...personal].sort());
    const data = publishedData(type, samples[type] as Record<string, unknown>) ?? {};
    for (const field of personal) {
      expect(PUBLISHED_FIELDS[type]).not.toContain(field);
      expect(data).not.toHaveProperty(field);
    }
    const json = JSON.stringify(data);
    for (const value of Object.values(PERSONAL_CONTACT)) expect(json).not.toContain(value);
  });

  it('never publishes an initiative contact, whatever the event type', () => {
    for (const type of DOMAIN_EVENT_TYPES) expect(PUBLISHED_FIELDS[type]).not.toContain('contact' as never);
  });

  it('copies only whitelisted fields that the event carries', () => {
    expect(
      publishedData('InitiativeProfileUpdated', {
        initiativeId: 'i',
        district: 'Neustadt',
        contact: PERSONAL_CONTACT,
        extra: 1,
      }),
    ).toEqual({
      initiativeId: 'i',
      district: 'Neustadt',
    });
    expect(publishedData('InteractionRecorded', samples.InteractionRecorded)).not.toHaveProperty('summary');
  });

  it('has no schema for types outside the domain catalog', () => {
    expect(publishedData('SomethingInternal', { secret: 1 })).toBeUndefined();
    expect(publishedData('toString', {})).toBeUndefined();
  });

  it('is documented: libs/messaging/README.md holds the generated table', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(publishedFieldsTable());
  });
});
