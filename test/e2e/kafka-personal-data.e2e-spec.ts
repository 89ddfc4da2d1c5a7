/**
 * The relay against a real Kafka-protocol broker, fed through the command path: no contact or
 * narrative reaches a topic, before or after an erasure, and the erasure events do, so that
 * subscribers can erase what they derived.
 */
import { randomUUID } from 'node:crypto';
import { commandExamples, commandExampleSequence, exampleIds } from '../../apps/api/src/commands/dto/examples';
import type { DomainCommand, DomainCommandType } from '@koproduktiv/domain';
import { personalDataOf } from '@koproduktiv/domain';
import { relayTopics } from '@koproduktiv/messaging';
import { InMemoryIdempotencyStore } from '@koproduktiv/platform';
import { CommandExecutor, executeWithReactions } from '@koproduktiv/application';
import { describeKafka } from '../support/kafka';
import { relayHarnessForSuite, waitFor } from '../support/kafka-relay-harness';
import { openTestPersonalData } from '../support/personal-data';

const TENANT = 'musterstadt';
const leaves = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(leaves)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(leaves)
        : [];

describeKafka('Kafka relay: personal data', () => {
  const suite = relayHarnessForSuite();

  it('publishes no contact and no narrative, and publishes the erasures', async () => {
    const { codec } = await openTestPersonalData(suite.harness.db.pool);
    const executor = new CommandExecutor(suite.harness.store, new InMemoryIdempotencyStore(), codec);
    const send = (type: DomainCommandType, data: object) =>
      executeWithReactions(executor, suite.harness.store, {
        tenant: TENANT,
        actor: { subject: 'clerk', role: 'clerk' },
        command: { type, data } as DomainCommand,
        correlationId: randomUUID(),
        commandId: randomUUID(),
      });
    const running = suite.harness.startRelay();
    for (const step of commandExampleSequence) await send(step.type, step.body);
    const opened = await codec.decode(TENANT, (await suite.harness.store.readAll({ maxCount: 10_000 })).events);
    const personal = opened
      .flatMap((event) => (personalDataOf(event.type)?.fields ?? []).flatMap((field) => leaves(event.data[field])))
      .filter((text) => text.length >= 6);
    await send('EraseInitiativeContact', commandExamples.EraseInitiativeContact);
    await send('ShredCaseNarratives', commandExamples.ShredCaseNarratives);
    const stored = (await suite.harness.store.readAll({ maxCount: 10_000 })).events;
    await waitFor(async () => (await suite.harness.checkpointPosition()) >= stored[stored.length - 1].position, 30_000);
    await running.stop();

    const records = await suite.harness.consume(
      relayTopics(suite.harness.topicPrefix),
      (r) => r.length >= stored.length,
    );
    // The relay delivers at least once: a retried send under load may arrive twice, never with other content.
    expect(new Set(records.map((record) => record.headers.ce_id))).toEqual(
      new Set(stored.map((event) => event.eventId)),
    );
    expect(personal.length).toBeGreaterThan(15);
    const published = records.map((record) => JSON.stringify(record)).join('\n');
    expect(personal.filter((text) => published.includes(text))).toEqual([]);
    expect(published).not.toContain('$sealed');

    const once = [...new Map(records.map((record) => [record.headers.ce_id, record])).values()];
    const erasures = once.filter((record) => /ContactErased|NarrativesShredded/.test(record.headers.ce_type));
    expect(
      erasures.map((record) => [record.topic, record.headers.ce_type, JSON.parse(record.value.toString('utf8'))]),
    ).toEqual([
      [
        `${suite.harness.topicPrefix}.initiative.v1`,
        'koproduktiv.initiative.InitiativeContactErased',
        { initiativeId: exampleIds.initiative, reason: commandExamples.EraseInitiativeContact.reason },
      ],
      [
        `${suite.harness.topicPrefix}.case.v1`,
        'koproduktiv.case.CaseNarrativesShredded',
        { caseId: exampleIds.case, reason: commandExamples.ShredCaseNarratives.reason },
      ],
    ]);
  });
});
