import {
  AGGREGATE_CATEGORIES,
  commandCatalog,
  deciderFor,
  deciders,
  DOMAIN_COMMAND_TYPES,
  DOMAIN_EVENT_TYPES,
  eventCatalog,
  isDomainCommandType,
  personalDataFields,
} from './catalog';
import { DOMAIN_ERROR_CODES, NOT_FOUND_ERROR_CODES } from './errors';
import { sampleCommands } from './testing';

describe('catalog', () => {
  it('maps all 31 commands of DOMAIN.md to their aggregate', () => {
    expect(DOMAIN_COMMAND_TYPES).toHaveLength(31);
    expect(Object.entries(commandCatalog).filter(([, c]) => c === 'initiative').map(([t]) => t)).toEqual([
      'RegisterInitiative',
      'UpdateInitiativeProfile',
      'ReportActiveMembers',
      'DissolveInitiative',
    ]);
    expect(Object.values(commandCatalog).filter((c) => c === 'unit')).toHaveLength(2);
    expect(Object.values(commandCatalog).filter((c) => c === 'fund')).toHaveLength(5);
    expect(Object.values(commandCatalog).filter((c) => c === 'case')).toHaveLength(20);
  });

  it('maps every event to the aggregate that emits it', () => {
    expect(DOMAIN_EVENT_TYPES).toHaveLength(31);
    for (const category of AGGREGATE_CATEGORIES) {
      expect(Object.entries(eventCatalog).filter(([, c]) => c === category).map(([t]) => t)).toEqual(
        deciders[category].eventTypes,
      );
    }
  });

  it('each decider is keyed by its category and lists the commands the catalog gives it', () => {
    for (const category of AGGREGATE_CATEGORIES) {
      expect(deciders[category].category).toBe(category);
      expect(Object.entries(commandCatalog).filter(([, c]) => c === category).map(([t]) => t)).toEqual(
        deciders[category].commandTypes,
      );
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

  it('recognises command types without inheriting Object.prototype names', () => {
    expect(isDomainCommandType('CloseCase')).toBe(true);
    expect(isDomainCommandType('constructor')).toBe(false);
    expect(isDomainCommandType('CaseClosed')).toBe(false);
  });

  it('marks the initiative contact as personal data, and nothing else', () => {
    expect(personalDataFields).toEqual({ InitiativeRegistered: ['contact'], InitiativeProfileUpdated: ['contact'] });
  });

  it('error codes are unique, CATEGORY.REASON upper snake', () => {
    expect(new Set(DOMAIN_ERROR_CODES).size).toBe(DOMAIN_ERROR_CODES.length);
    for (const code of DOMAIN_ERROR_CODES) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*\.[A-Z]+(_[A-Z]+)*$/);
    expect(NOT_FOUND_ERROR_CODES).toEqual(['INITIATIVE.NOT_FOUND', 'UNIT.NOT_FOUND', 'FUND.NOT_FOUND', 'CASE.NOT_FOUND']);
  });
});
