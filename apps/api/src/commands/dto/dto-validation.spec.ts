import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import {
  PUBLIC_COMMAND_TYPES,
  DomainCommand,
  PublicCommandType,
  decideWithReactions,
  DEFAULT_TENANT_RULES,
  Streams,
} from '@koproduktiv/domain';
import { ADMIN_COMMAND_TYPES } from '../command-roles';
import { commandExamples, commandExampleSequence } from './examples';
import { commandDtos } from './index';

type Plain = Record<string, unknown>;
interface FieldError {
  path: string;
  constraints: string[];
}

const flatten = (errors: readonly ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ path, constraints: Object.keys(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });

/** Validates a body the way the HTTP pipe does (no implicit conversion, unknown fields rejected). */
const check = async (type: PublicCommandType, body: unknown): Promise<FieldError[]> => {
  const instance = plainToInstance(commandDtos[type] as new () => object, body);
  return flatten(
    await validate(instance as object, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
  );
};

const example = (type: PublicCommandType): Plain => structuredClone(commandExamples[type]) as Plain;
const withFields = (type: PublicCommandType, fields: Plain): Plain => ({ ...example(type), ...fields });
const without = (type: PublicCommandType, field: string): Plain => {
  const body = example(type);
  delete body[field];
  return body;
};

const UUID = '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a99';

describe('command DTOs', () => {
  it('exist for exactly the command types of the domain', () => {
    expect(Object.keys(commandDtos).sort()).toEqual([...PUBLIC_COMMAND_TYPES].sort());
    expect(Object.keys(commandExamples).sort()).toEqual([...PUBLIC_COMMAND_TYPES].sort());
    for (const [type, dto] of Object.entries(commandDtos)) expect(dto.name).toBe(`${type}Dto`);
  });

  describe('accept the example of', () => {
    it.each([...PUBLIC_COMMAND_TYPES])('%s', async (type) => {
      expect(await check(type, example(type))).toEqual([]);
    });
  });

  describe('accept', () => {
    it.each<[string, PublicCommandType, Plain]>([
      ['occurredAt with Z', 'ReopenCase', withFields('ReopenCase', { occurredAt: '2026-03-02T08:30:00Z' })],
      [
        'occurredAt with offset and fraction',
        'ReopenCase',
        withFields('ReopenCase', { occurredAt: '2026-03-02T09:30:00.123+01:00' }),
      ],
      [
        'occurredAt with negative offset',
        'ReopenCase',
        withFields('ReopenCase', { occurredAt: '2024-02-29T23:59:59-05:30' }),
      ],
      [
        'optional fields omitted',
        'RegisterInitiative',
        { ...without('RegisterInitiative', 'district'), contact: { name: 'Aylin Demir' } },
      ],
      ['an update with a single field', 'UpdateInitiativeProfile', { initiativeId: UUID, district: 'Südstadt' }],
      ['an empty list of requested support', 'SubmitRequest', withFields('SubmitRequest', { requestedSupport: [] })],
      ['an empty list of conditions', 'AgreeInterimUse', withFields('AgreeInterimUse', { conditions: [] })],
      ['a zero staff time budget', 'SetStaffTimeBudget', withFields('SetStaffTimeBudget', { hours: 0 })],
      ['a month period', 'SetStaffTimeBudget', withFields('SetStaffTimeBudget', { period: '2026-12' })],
      ['fractional hours with two decimals', 'LogStaffTime', withFields('LogStaffTime', { hours: 0.29 })],
      ['a fund opened with no budget yet', 'OpenFund', withFields('OpenFund', { budgetCents: 0 })],
      ['the largest amount', 'AwardGrant', withFields('AwardGrant', { amountCents: 1_000_000_000_000 })],
      ['an interaction of zero minutes', 'RecordInteraction', withFields('RecordInteraction', { durationMinutes: 0 })],
      ['a leap day', 'MakeCommitment', withFields('MakeCommitment', { dueOn: '2028-02-29' })],
      [
        'a UUID v4',
        'FulfilCommitment',
        withFields('FulfilCommitment', { commitmentId: '9b2f4c1e-2a3d-4e5f-9a6b-7c8d9e0f1a2b' }),
      ],
      [
        'a structured staffRef',
        'AcknowledgeRequest',
        withFields('AcknowledgeRequest', { staffRef: 'ou:63/uid:m.yilmaz@rathaus.example' }),
      ],
      [
        'strings at their maximum length',
        'SubmitRequest',
        withFields('SubmitRequest', { title: 'ä'.repeat(300), description: 'x'.repeat(4000) }),
      ],
      ['emoji and umlauts', 'ReopenCase', withFields('ReopenCase', { reason: 'Räume gefunden 🎉 – Übergabe im Mai' })],
      [
        '20 conditions',
        'AgreeInterimUse',
        withFields('AgreeInterimUse', { conditions: Array.from({ length: 20 }, (_, i) => `Auflage ${i + 1}`) }),
      ],
    ])('%s', async (_name, type, body) => {
      expect(await check(type, body)).toEqual([]);
    });
  });

  describe('reject, on the right property,', () => {
    const contact = (fields: Plain): Plain => ({ ...(example('RegisterInitiative').contact as Plain), ...fields });
    const scores = (fields: Plain): Plain => ({ ...(example('RecordTrustFeedback').scores as Plain), ...fields });

    it.each<[string, PublicCommandType, unknown, string]>([
      // types
      ['a number for a string', 'RegisterInitiative', withFields('RegisterInitiative', { name: 42 }), 'name'],
      [
        'a string for an integer',
        'ReportActiveMembers',
        withFields('ReportActiveMembers', { activeMembers: '23' }),
        'activeMembers',
      ],
      [
        'a string for a boolean',
        'RegisterUnit',
        withFields('RegisterUnit', { isContactPoint: 'true' }),
        'isContactPoint',
      ],
      [
        'a string for a list',
        'SubmitRequest',
        withFields('SubmitRequest', { requestedSupport: 'funding' }),
        'requestedSupport',
      ],
      [
        'a string for the contact',
        'RegisterInitiative',
        withFields('RegisterInitiative', { contact: 'Aylin Demir' }),
        'contact',
      ],
      [
        'a list for the contact',
        'RegisterInitiative',
        withFields('RegisterInitiative', { contact: [contact({})] }),
        'contact',
      ],
      ['a number for occurredAt', 'ReopenCase', withFields('ReopenCase', { occurredAt: 1772440200000 }), 'occurredAt'],
      // unknown and missing fields, null
      ['an unknown field', 'CloseCase', withFields('CloseCase', { reason: 'Doppelt erfasst' }), 'reason'],
      [
        'a misspelt field',
        'FulfilCommitment',
        { caseId: UUID, commitmentId: UUID, commitmentID: UUID },
        'commitmentID',
      ],
      ['a missing required field', 'MakeCommitment', without('MakeCommitment', 'dueOn'), 'dueOn'],
      ['a missing nested object', 'RecordTrustFeedback', without('RecordTrustFeedback', 'scores'), 'scores'],
      ['null for a required field', 'AgreeSupport', withFields('AgreeSupport', { description: null }), 'description'],
      ['null for an optional field', 'AcknowledgeRequest', withFields('AcknowledgeRequest', { note: null }), 'note'],
      ['null for occurredAt', 'ReopenCase', withFields('ReopenCase', { occurredAt: null }), 'occurredAt'],
      // enumerations
      ['an unknown kind', 'RegisterInitiative', withFields('RegisterInitiative', { kind: 'company' }), 'kind'],
      ['an unknown channel', 'SubmitRequest', withFields('SubmitRequest', { channel: 'fax' }), 'channel'],
      [
        'an enum value in the wrong case',
        'RecordInteraction',
        withFields('RecordInteraction', { participationLevel: 'Empower' }),
        'participationLevel',
      ],
      [
        'an unknown requested support',
        'SubmitRequest',
        withFields('SubmitRequest', { requestedSupport: ['funding', 'catering'] }),
        'requestedSupport',
      ],
      [
        'a repeated requested support',
        'SubmitRequest',
        withFields('SubmitRequest', { requestedSupport: ['funding', 'funding'] }),
        'requestedSupport',
      ],
      ['an unknown end reason', 'EndInterimUse', withFields('EndInterimUse', { reason: 'weil' }), 'reason'],
      ['an unknown case outcome', 'CloseCase', withFields('CloseCase', { outcome: 'abandoned' }), 'outcome'],
      // dates and times
      ['a date that does not exist', 'MakeCommitment', withFields('MakeCommitment', { dueOn: '2026-02-30' }), 'dueOn'],
      [
        '29 February outside a leap year',
        'LinkCouncilResolution',
        withFields('LinkCouncilResolution', { decidedOn: '2026-02-29' }),
        'decidedOn',
      ],
      ['a German date', 'AgreeInterimUse', withFields('AgreeInterimUse', { startsOn: '01.04.2026' }), 'startsOn'],
      [
        'a date-time for a date',
        'InstitutionaliseCase',
        withFields('InstitutionaliseCase', { effectiveFrom: '2027-04-01T00:00:00Z' }),
        'effectiveFrom',
      ],
      [
        'occurredAt without offset',
        'ReopenCase',
        withFields('ReopenCase', { occurredAt: '2026-03-02T09:30:00' }),
        'occurredAt',
      ],
      ['occurredAt as a date only', 'ReopenCase', withFields('ReopenCase', { occurredAt: '2026-03-02' }), 'occurredAt'],
      [
        'occurredAt on a day that does not exist',
        'ReopenCase',
        withFields('ReopenCase', { occurredAt: '2026-02-30T09:30:00Z' }),
        'occurredAt',
      ],
      [
        'occurredAt at hour 24',
        'ReopenCase',
        withFields('ReopenCase', { occurredAt: '2026-03-02T24:00:00Z' }),
        'occurredAt',
      ],
      ['a month 13', 'SetStaffTimeBudget', withFields('SetStaffTimeBudget', { period: '2026-13' }), 'period'],
      ['a quarter 5', 'SetStaffTimeBudget', withFields('SetStaffTimeBudget', { period: '2026-Q5' }), 'period'],
      // ids and references
      [
        'an id that is not a UUID',
        'DissolveInitiative',
        withFields('DissolveInitiative', { initiativeId: 'initiative-1' }),
        'initiativeId',
      ],
      [
        'a UUID with a bad variant',
        'AwardGrant',
        withFields('AwardGrant', { applicationId: '0195a1b2-3c4d-7e5f-1a6b-7c8d9e0f1a06' }),
        'applicationId',
      ],
      [
        'the nil UUID',
        'OpenFund',
        withFields('OpenFund', { fundId: '00000000-0000-0000-0000-000000000000' }),
        'fundId',
      ],
      [
        'an uppercase UUID',
        'RegisterUnit',
        withFields('RegisterUnit', { unitId: '0195A1B2-3C4D-7E5F-8A6B-7C8D9E0F1A03' }),
        'unitId',
      ],
      ['a staffRef with a space', 'LogStaffTime', withFields('LogStaffTime', { staffRef: 'm yilmaz' }), 'staffRef'],
      ['an empty staffRef', 'AssignContactPerson', withFields('AssignContactPerson', { staffRef: '' }), 'staffRef'],
      [
        'a staffRef of 129 characters',
        'RecordInteraction',
        withFields('RecordInteraction', { staffRef: 'a'.repeat(129) }),
        'staffRef',
      ],
      // strings
      ['a name of 201 characters', 'RegisterUnit', withFields('RegisterUnit', { name: 'x'.repeat(201) }), 'name'],
      ['a title of 301 characters', 'SubmitRequest', withFields('SubmitRequest', { title: 'x'.repeat(301) }), 'title'],
      [
        'a summary of 4001 characters',
        'RecordInteraction',
        withFields('RecordInteraction', { summary: 'x'.repeat(4001) }),
        'summary',
      ],
      [
        'a ref of 129 characters',
        'AssignSponsor',
        withFields('AssignSponsor', { sponsorRef: 'x'.repeat(129) }),
        'sponsorRef',
      ],
      ['an empty string', 'ReopenCase', withFields('ReopenCase', { reason: '' }), 'reason'],
      ['a blank string', 'RejectApplication', withFields('RejectApplication', { rationale: '  \n ' }), 'rationale'],
      ['a blank optional string', 'AwardGrant', withFields('AwardGrant', { rationale: ' ' }), 'rationale'],
      ['a NUL character', 'RegisterUnit', withFields('RegisterUnit', { name: 'Amt\u0000' }), 'name'],
      ['an unpaired surrogate', 'ReopenCase', withFields('ReopenCase', { reason: 'Grund \ud800' }), 'reason'],
      [
        'a NUL character in a condition',
        'AgreeInterimUse',
        withFields('AgreeInterimUse', { conditions: ['a\u0000'] }),
        'conditions',
      ],
      // lists
      [
        '21 conditions',
        'AgreeInterimUse',
        withFields('AgreeInterimUse', { conditions: Array.from({ length: 21 }, (_, i) => `Auflage ${i}`) }),
        'conditions',
      ],
      [
        'a condition that is not a string',
        'AgreeInterimUse',
        withFields('AgreeInterimUse', { conditions: ['Nur werktags', 7] }),
        'conditions',
      ],
      ['a blank condition', 'AgreeInterimUse', withFields('AgreeInterimUse', { conditions: [''] }), 'conditions'],
      [
        'a condition of 1001 characters',
        'AgreeInterimUse',
        withFields('AgreeInterimUse', { conditions: ['x'.repeat(1001)] }),
        'conditions',
      ],
      // nested objects
      [
        'an unknown field in the contact',
        'RegisterInitiative',
        withFields('RegisterInitiative', { contact: contact({ birthday: '1980-01-01' }) }),
        'contact.birthday',
      ],
      [
        'a contact without a name',
        'UpdateInitiativeProfile',
        { initiativeId: UUID, contact: { email: 'info@example.org' } },
        'contact.name',
      ],
      [
        'a malformed e-mail',
        'RegisterInitiative',
        withFields('RegisterInitiative', { contact: contact({ email: 'a.demir(at)example.org' }) }),
        'contact.email',
      ],
      [
        'letters in a phone number',
        'RegisterInitiative',
        withFields('RegisterInitiative', { contact: contact({ phone: 'ruft zurück' }) }),
        'contact.phone',
      ],
      [
        'a score of 6',
        'RecordTrustFeedback',
        withFields('RecordTrustFeedback', { scores: scores({ openness: 6 }) }),
        'scores.openness',
      ],
      [
        'a score of 0',
        'RecordTrustFeedback',
        withFields('RecordTrustFeedback', { scores: scores({ fairness: 0 }) }),
        'scores.fairness',
      ],
      [
        'a fractional score',
        'RecordTrustFeedback',
        withFields('RecordTrustFeedback', { scores: scores({ integrity: 3.5 }) }),
        'scores.integrity',
      ],
      [
        'a missing score',
        'RecordTrustFeedback',
        withFields('RecordTrustFeedback', { scores: { responsiveness: 4, reliability: 5, integrity: 4, openness: 3 } }),
        'scores.fairness',
      ],
      [
        'an unknown score',
        'RecordTrustFeedback',
        withFields('RecordTrustFeedback', { scores: scores({ competence: 5 }) }),
        'scores.competence',
      ],
      // numbers
      ['an amount of 0', 'IncreaseFundBudget', withFields('IncreaseFundBudget', { amountCents: 0 }), 'amountCents'],
      ['a negative amount', 'DisburseGrant', withFields('DisburseGrant', { amountCents: -100 }), 'amountCents'],
      [
        'a fractional amount',
        'ApplyForFunding',
        withFields('ApplyForFunding', { amountRequestedCents: 2500.5 }),
        'amountRequestedCents',
      ],
      [
        'an amount above 10^12',
        'AwardGrant',
        withFields('AwardGrant', { amountCents: 1_000_000_000_001 }),
        'amountCents',
      ],
      ['an unsafe integer amount', 'OpenFund', withFields('OpenFund', { budgetCents: 2 ** 60 }), 'budgetCents'],
      ['a year before 2000', 'OpenFund', withFields('OpenFund', { year: 1999 }), 'year'],
      [
        'a negative member count',
        'ReportActiveMembers',
        withFields('ReportActiveMembers', { activeMembers: -1 }),
        'activeMembers',
      ],
      [
        'a fractional member count',
        'ReportActiveMembers',
        withFields('ReportActiveMembers', { activeMembers: 2.5 }),
        'activeMembers',
      ],
      [
        'more than a day of minutes',
        'RecordInteraction',
        withFields('RecordInteraction', { durationMinutes: 1441 }),
        'durationMinutes',
      ],
      ['zero hours of staff time', 'LogStaffTime', withFields('LogStaffTime', { hours: 0 }), 'hours'],
      ['hours with three decimals', 'LogStaffTime', withFields('LogStaffTime', { hours: 1.005 }), 'hours'],
      ['hours in exponent notation', 'SetStaffTimeBudget', withFields('SetStaffTimeBudget', { hours: 1e-7 }), 'hours'],
      ['negative budget hours', 'SetStaffTimeBudget', withFields('SetStaffTimeBudget', { hours: -1 }), 'hours'],
      ['more than 10000 hours', 'SetStaffTimeBudget', withFields('SetStaffTimeBudget', { hours: 10_000.01 }), 'hours'],
    ])('%s (%s)', async (_name, type, body, path) => {
      const errors = await check(type, body);
      expect(errors.map((error) => error.path)).toEqual([path]);
    });

    it('unknown fields with the whitelist constraint', async () => {
      expect(await check('CloseCase', withFields('CloseCase', { reason: 'x' }))).toEqual([
        { path: 'reason', constraints: ['whitelistValidation'] },
      ]);
      expect(
        await check('RegisterInitiative', withFields('RegisterInitiative', { contact: contact({ birthday: 'x' }) })),
      ).toEqual([{ path: 'contact.birthday', constraints: ['whitelistValidation'] }]);
    });

    it('every missing field of an empty body', async () => {
      const paths = (await check('RecordInteraction', {})).map((error) => error.path);
      expect(paths.sort()).toEqual(
        [
          'caseId',
          'durationMinutes',
          'initiatedBy',
          'interactionId',
          'kind',
          'participationLevel',
          'staffRef',
          'summary',
          'unitId',
        ].sort(),
      );
    });
  });

  it('leave the examples unchanged when validated (no conversion)', async () => {
    const body = example('RecordTrustFeedback');
    const instance = plainToInstance(commandDtos.RecordTrustFeedback, body);
    expect(JSON.parse(JSON.stringify(instance))).toEqual(body);
  });
});

/** Needs a second clerk: checked on its own, like the admin's erasures. */
const SECOND_PERSON_COMMAND_TYPES = ['ConfirmGrantAward'] as const;

describe('commandExampleSequence', () => {
  it('contains every example and validates', async () => {
    // The clerk's story; the admin's erasures are validated on their own (they would erase the story).
    const types = new Set([
      ...commandExampleSequence.map((step) => step.type),
      ...ADMIN_COMMAND_TYPES,
      ...SECOND_PERSON_COMMAND_TYPES,
    ]);
    expect([...types].sort()).toEqual([...PUBLIC_COMMAND_TYPES].sort());
    for (const step of commandExampleSequence) expect(await check(step.type, step.body)).toEqual([]);
    for (const type of [...ADMIN_COMMAND_TYPES, ...SECOND_PERSON_COMMAND_TYPES])
      expect(await check(type, commandExamples[type])).toEqual([]);
  });

  it('is accepted by the domain, command after command (the fund receiving each application)', () => {
    const streams: Streams = new Map();
    for (const step of commandExampleSequence) {
      const command = { type: step.type, data: step.body } as DomainCommand;
      let events: unknown[] = [];
      expect(() => {
        events = decideWithReactions(streams, command, { decidedBy: 'clerk', rules: DEFAULT_TENANT_RULES });
      }).not.toThrow();
      expect(events.length).toBeGreaterThan(0);
    }
  });
});
