import {
  AGGREGATE_CATEGORIES,
  commandCatalog,
  deciderFor,
  deciders,
  DOMAIN_COMMAND_TYPES,
  DOMAIN_EVENT_TYPES,
  EVENT_SCHEMA_VERSION,
  categoryOf,
  eventCatalog,
  INTERNAL_COMMAND_TYPES,
  PUBLIC_COMMAND_TYPES,
  isDomainCommandType,
  isDomainEventType,
  schemaVersionOf,
} from './catalog';
import { carriesPersonalData, dataSubjectIdOf, PERSONAL_DATA } from './personal-data';
import { DOMAIN_ERROR_CODES, NOT_FOUND_ERROR_CODES } from './errors';
import { streamIdFor } from './shared';
import { sampleCommands } from './testing';

describe('catalog', () => {
  it('maps all 44 commands of DOMAIN.md to their aggregate', () => {
    expect(DOMAIN_COMMAND_TYPES).toHaveLength(44);
    expect(
      Object.entries(commandCatalog)
        .filter(([, c]) => c === 'initiative')
        .map(([t]) => t),
    ).toEqual([
      'RegisterInitiative',
      'UpdateInitiativeProfile',
      'ReportActiveMembers',
      'DissolveInitiative',
      'EraseInitiativeContact',
    ]);
    expect(Object.values(commandCatalog).filter((c) => c === 'unit')).toHaveLength(2);
    expect(Object.values(commandCatalog).filter((c) => c === 'fund')).toHaveLength(14);
    expect(Object.values(commandCatalog).filter((c) => c === 'case')).toHaveLength(23);
  });

  it('lets clients send every command but ReceiveApplication, which only the fund’s process manager sends', () => {
    expect(INTERNAL_COMMAND_TYPES).toEqual(['ReceiveApplication']);
    expect(PUBLIC_COMMAND_TYPES).toHaveLength(DOMAIN_COMMAND_TYPES.length - 1);
    expect(PUBLIC_COMMAND_TYPES).not.toContain('ReceiveApplication');
    expect(PUBLIC_COMMAND_TYPES).toEqual(expect.arrayContaining(['SubmitRequest', 'AwardGrant', 'RegisterUnit']));
  });

  it('maps every event to the aggregate that emits it', () => {
    expect(DOMAIN_EVENT_TYPES).toHaveLength(45);
    for (const category of AGGREGATE_CATEGORIES) {
      expect(
        Object.entries(eventCatalog)
          .filter(([, c]) => c === category)
          .map(([t]) => t),
      ).toEqual(deciders[category].eventTypes);
    }
  });

  it('each decider is keyed by its category and lists the commands the catalog gives it', () => {
    for (const category of AGGREGATE_CATEGORIES) {
      expect(deciders[category].category).toBe(category);
      expect(
        Object.entries(commandCatalog)
          .filter(([, c]) => c === category)
          .map(([t]) => t),
      ).toEqual(deciders[category].commandTypes);
    }
  });

  it('deciderFor and aggregateIdOf target the right stream for every sample command', () => {
    for (const type of DOMAIN_COMMAND_TYPES) {
      const decider = deciderFor(type);
      expect(decider.category).toBe(commandCatalog[type]);
      const data = sampleCommands[type].data as Record<string, unknown>;
      expect(decider.aggregateIdOf(sampleCommands[type])).toBe(data[`${decider.category}Id`]);
    }
  });

  it('recognises command and event types without inheriting Object.prototype names', () => {
    expect(isDomainCommandType('CloseCase')).toBe(true);
    expect(isDomainCommandType('constructor')).toBe(false);
    expect(isDomainCommandType('CaseClosed')).toBe(false);
    expect(isDomainEventType('CaseClosed')).toBe(true);
    expect(isDomainEventType('toString')).toBe(false);
    expect(isDomainEventType('CloseCase')).toBe(false);
  });

  it('names a stream by its category and aggregate id', () => {
    expect(streamIdFor('case', '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02')).toBe(
      'case-0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02',
    );
  });

  it('reads the category back from a stream id, and none from an id it did not make', () => {
    for (const category of AGGREGATE_CATEGORIES) expect(categoryOf(streamIdFor(category, 'a-b'))).toBe(category);
    expect(['cases-1', 'case', '-case-1', 'Case-1', ''].map(categoryOf)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('writes each event type at its schema version: 2 for GrantAwarded, 1 for the others', () => {
    expect(schemaVersionOf('GrantAwarded')).toBe(2);
    expect(DOMAIN_EVENT_TYPES.filter((type) => schemaVersionOf(type) !== EVENT_SCHEMA_VERSION)).toEqual([
      'GrantAwarded',
    ]);
    expect(schemaVersionOf('constructor')).toBe(EVENT_SCHEMA_VERSION);
  });

  it('seals personal data of initiative events under the contact, of case and fund events under the case', () => {
    for (const [type, spec] of Object.entries(PERSONAL_DATA)) {
      expect(spec?.subject).toBe(
        eventCatalog[type as keyof typeof eventCatalog] === 'initiative' ? 'initiative-contact' : 'case-narratives',
      );
    }
    expect(Object.keys(PERSONAL_DATA)).not.toContain('CaseNarrativesShredded');
    expect(Object.keys(PERSONAL_DATA)).not.toContain('InitiativeContactErased');
    expect(PERSONAL_DATA.RequestSubmitted?.fields).toEqual(['description']);
    expect(PERSONAL_DATA.InitiativeRegistered?.fields).toEqual(['contact']);
  });

  it('keys the personal data of an initiative by its id, of a case (and its grants) by the case id', () => {
    const data = { initiativeId: 'initiative-1', caseId: 'case-1', fundId: 'fund-1' };
    expect(dataSubjectIdOf('initiative-contact', data)).toBe('initiative-1');
    expect(dataSubjectIdOf('case-narratives', data)).toBe('case-1');
  });

  it('knows whether an event carries personal data by the fields it actually holds', () => {
    expect(
      carriesPersonalData({ type: 'RequestAcknowledged', data: { caseId: 'c', unitId: 'u', staffRef: 's' } }),
    ).toBe(false);
    expect(
      carriesPersonalData({
        type: 'RequestAcknowledged',
        data: { caseId: 'c', unitId: 'u', staffRef: 's', note: 'n' },
      }),
    ).toBe(true);
    expect(carriesPersonalData({ type: 'CommitmentFulfilled', data: { caseId: 'c', commitmentId: 'x' } })).toBe(false);
  });

  it('error codes are unique, CATEGORY.REASON upper snake', () => {
    expect(new Set(DOMAIN_ERROR_CODES).size).toBe(DOMAIN_ERROR_CODES.length);
    for (const code of DOMAIN_ERROR_CODES) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*\.[A-Z]+(_[A-Z]+)*$/);
    expect(NOT_FOUND_ERROR_CODES).toEqual([
      'INITIATIVE.NOT_FOUND',
      'UNIT.NOT_FOUND',
      'FUND.NOT_FOUND',
      'CASE.NOT_FOUND',
    ]);
  });
});
