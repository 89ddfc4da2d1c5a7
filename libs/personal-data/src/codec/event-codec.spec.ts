import { DomainEvent } from '@koproduktiv/domain';
import { InMemoryDataKeyStore } from '../keys/in-memory-data-key-store';
import { EventCodec, decodeWithoutPersonalData, StoredEvent } from './event-codec';
import { isSealedField, WITHHELD } from './sealed-field';
import { UnknownSchemaVersionError } from './upcasters';

const tenant = 'musterstadt';
const initiativeId = '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a01';
const caseId = '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02';
const contact = { name: 'Aylin Demir', email: 'a.demir@example.org' };
const registered: DomainEvent = {
  type: 'InitiativeRegistered',
  data: { initiativeId, name: 'Bürgerverein', kind: 'association', contact },
};
const submitted: DomainEvent = {
  type: 'RequestSubmitted',
  data: {
    caseId,
    initiativeId,
    title: 'Ladenlokal',
    description: 'Elternzeit von Frau Brandt',
    category: 'kultur',
    channel: 'online',
    requestedSupport: [],
  },
};
const conditions: DomainEvent = {
  type: 'InterimUseAgreed',
  data: {
    caseId,
    agreementId: 'a',
    propertyRef: 'p',
    propertyKind: 'vacant_shop',
    startsOn: '2026-01-01',
    endsOn: '2026-06-30',
    licenceToTry: true,
    conditions: ['Herr Kaya hat den Schlüssel'],
  },
};
const stored = (event: DomainEvent, data: Readonly<Record<string, unknown>>): StoredEvent => ({
  type: event.type,
  schemaVersion: 1,
  data,
});

describe('EventCodec', () => {
  let keys: InMemoryDataKeyStore;
  let codec: EventCodec;
  beforeEach(() => {
    keys = new InMemoryDataKeyStore();
    codec = new EventCodec(keys);
  });

  it('seals exactly the personal-data fields and leaves the others readable', async () => {
    const [data] = await codec.encode(tenant, [submitted], new Date());
    expect(isSealedField(data.description)).toBe(true);
    expect(JSON.stringify(data)).not.toContain('Brandt');
    expect(data).toMatchObject({ caseId, title: 'Ladenlokal', category: 'kultur' });
  });

  it('opens what it sealed: strings, arrays and objects', async () => {
    const data = await codec.encode(tenant, [registered, submitted, conditions], new Date());
    const opened = await codec.decode(
      tenant,
      [registered, submitted, conditions].map((event, i) => stored(event, data[i])),
    );
    expect(opened.map((event) => event.data)).toEqual([registered.data, submitted.data, conditions.data]);
  });

  it("seals a subject's fields with the subject's key: the initiative's contact and the case's narratives apart", async () => {
    const [a, b] = await codec.encode(tenant, [registered, submitted], new Date());
    const kid = (value: unknown) => (value as { $sealed: { kid: string } }).$sealed.kid;
    expect(kid(a.contact)).not.toBe(kid(b.description));
    expect((await keys.history(tenant, { kind: 'initiative-contact', id: initiativeId })).map((k) => k.keyId)).toEqual([
      kid(a.contact),
    ]);
    expect((await keys.history(tenant, { kind: 'case-narratives', id: caseId })).map((k) => k.keyId)).toEqual([
      kid(b.description),
    ]);
  });

  it("an erasure event destroys the subject's keys before it is stored; what they sealed reads as erased", async () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const [sealed] = await codec.encode(tenant, [submitted], new Date());
    await codec.encode(tenant, [{ type: 'CaseNarrativesShredded', data: { caseId, reason: 'Art. 17' } }], at);
    const [opened] = await codec.decode(tenant, [stored(submitted, sealed)]);
    expect(opened.data.description).toEqual({ erased: true, erasedAt: at.toISOString() });
    expect(opened.data.title).toBe('Ladenlokal');
  });

  it('seals new narratives of a shredded case under a new key, which the old erasure does not reach', async () => {
    await codec.encode(tenant, [submitted], new Date());
    await codec.encode(tenant, [{ type: 'CaseNarrativesShredded', data: { caseId, reason: 'Art. 17' } }], new Date());
    const [later] = await codec.encode(tenant, [conditions], new Date());
    const [opened] = await codec.decode(tenant, [stored(conditions, later)]);
    expect(opened.data.conditions).toEqual(['Herr Kaya hat den Schlüssel']);
  });

  it('keeps tenants apart: the same ids in another tenant have other keys, and a ciphertext moved across tenants does not open', async () => {
    const [mine] = await codec.encode(tenant, [submitted], new Date());
    await codec.encode('nachbarort', [submitted], new Date());
    await codec.encode('nachbarort', [{ type: 'CaseNarrativesShredded', data: { caseId, reason: 'x' } }], new Date());
    expect((await codec.decode(tenant, [stored(submitted, mine)]))[0].data.description).toBe(
      'Elternzeit von Frau Brandt',
    );
    expect((await codec.decode('nachbarort', [stored(submitted, mine)]))[0].data.description).toEqual({
      unreadable: 'data key not found',
    });
  });

  it('refuses a ciphertext moved to another field or event type (authenticated associated data)', async () => {
    const [sealed] = await codec.encode(tenant, [submitted], new Date());
    const moved = stored({ type: 'SupportAgreed' } as DomainEvent, {
      caseId,
      supportId: 's',
      kind: 'advice',
      description: sealed.description,
    });
    await expect(codec.decode(tenant, [moved])).rejects.toThrow();
  });

  it('without keys, every personal field reads as withheld and nothing is looked up', () => {
    const event = decodeWithoutPersonalData(
      stored(submitted, { ...submitted.data, description: { $sealed: { kid: 'k', iv: '', ct: '' } } }),
    );
    expect(event.data).toEqual({ ...submitted.data, description: WITHHELD });
  });

  it('upcasts older schema versions and refuses versions it does not know', () => {
    const upcasters = {
      ActiveMembersReported: {
        0: (data: Readonly<Record<string, unknown>>) => ({
          initiativeId: data.initiative,
          activeMembers: data.members,
        }),
      },
    };
    const old = { type: 'ActiveMembersReported', schemaVersion: 0, data: { initiative: 'i', members: 7 } };
    expect(decodeWithoutPersonalData(old, upcasters).data).toEqual({ initiativeId: 'i', activeMembers: 7 });
    expect(() => decodeWithoutPersonalData({ ...old, schemaVersion: 2 }, upcasters)).toThrow(UnknownSchemaVersionError);
  });

  it('reads a GrantAwarded written before the grant procedure (schema version 1) with proofDueOn null', () => {
    const award = { fundId: 'f', applicationId: 'a', caseId: 'c', amountCents: 100 };
    expect(decodeWithoutPersonalData({ type: 'GrantAwarded', schemaVersion: 1, data: award }).data).toEqual({
      ...award,
      proofDueOn: null,
    });
    const current = { ...award, proofDueOn: '2026-12-31' };
    expect(decodeWithoutPersonalData({ type: 'GrantAwarded', schemaVersion: 2, data: current }).data).toEqual(current);
    expect(() => decodeWithoutPersonalData({ type: 'GrantAwarded', schemaVersion: 3, data: current })).toThrow(
      UnknownSchemaVersionError,
    );
  });
});
