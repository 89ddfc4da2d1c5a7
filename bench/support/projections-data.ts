/**
 * A generated store for the read-model benchmark: one tenant, a few units (with quarterly staff-time
 * budgets), initiatives and funds, and C cases whose events add up to exactly N.
 *
 * Every case stream starts with RequestSubmitted, then RequestAcknowledged and ContactPersonAssigned,
 * then a mix dominated by InteractionRecorded (commitments made, fulfilled, renegotiated, withdrawn;
 * funding applications, decided later on the fund's stream; support, staff time, trust feedback, the
 * odd handover, interim use and institutionalisation), and about a third of the cases end closed.
 * Business time (occurredAt) increases along every stream; cases are submitted over ~3 years up to
 * yesterday. The event data is typed as the domain's events, so it has their shapes.
 *
 * Cases are written in rounds: each round appends the next chunk (about `chunk` events) of every case
 * that has events left, so a case's events are spread over the global order (like a store written by
 * commands over time, though coarser: each chunk is one append).
 */
import { randomUUID } from 'node:crypto';
import {
  CASE_OUTCOMES,
  CaseStage,
  DomainEvent,
  schemaVersionOf,
  INITIATIVE_KINDS,
  INTERACTION_KINDS,
  PARTICIPATION_LEVELS,
  PARTIES,
  Party,
  REQUEST_CHANNELS,
  REQUESTED_SUPPORT_KINDS,
  SUPPORT_KINDS,
  INSTITUTIONALISATION_FORMS,
  PROPERTY_KINDS,
} from '@koproduktiv/domain';
import type { EventStore, EventToAppend } from '@koproduktiv/event-store';
import { eventMetadata, TENANT } from './bodies';

const DAY = 86_400_000;
const CATEGORIES = [
  'stadtteilentwicklung',
  'kultur',
  'umwelt',
  'soziales',
  'sport',
  'bildung',
  'mobilitaet',
  'digitales',
] as const;
const UNITS = 12;
const INITIATIVES = 400;
const FUNDS_PER_YEAR = 2;

/** Deterministic PRNG (mulberry32), so a seed gives the same mix of events. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const localDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Unit {
  readonly unitId: string;
  readonly staff: readonly string[];
}

interface Fund {
  readonly fundId: string;
  readonly year: number;
}

/** An event for some stream, typed as the domain event it is. */
interface Generated {
  readonly streamId: string;
  readonly event: DomainEvent;
  readonly at: number;
}

interface CaseState {
  readonly caseId: string;
  readonly random: Random;
  readonly planned: number;
  emitted: number;
  busy: boolean;
  clock: number;
  readonly meanGap: number;
  stage: CaseStage;
  unit: Unit;
  staffRef: string;
  readonly initiativeId: string;
  readonly commitments: { commitmentId: string; dueOn: string }[];
  readonly decisions: { at: number; fund: Fund; applicationId: string; amountCents: number }[];
  interimAgreement: { agreementId: string; endsOn: number } | null;
}

export interface StoreLayout {
  readonly events: number;
  readonly cases: number;
  /** Mean events per append of a case chunk. */
  readonly chunk: number;
  readonly seed: number;
}

export interface GrowthProgress {
  readonly events: number;
  readonly seconds: number;
}

/**
 * The generator: `registries()` are the unit, initiative and fund events (written first), then
 * `grow(store, to)` appends case chunks, round after round, until the store holds `to` events.
 */
export class StoreGenerator {
  readonly caseIds: string[] = [];
  readonly unitIds: string[];
  readonly fundIds: string[];
  private readonly units: Unit[];
  private readonly initiatives: string[];
  private readonly funds: Fund[];
  private readonly cases: CaseState[] = [];
  private readonly random: Random;
  private readonly start: number;
  private readonly end: number;
  /** Events written so far (registries included). */
  written = 0;
  /** Case index of the next chunk, in the current round. */
  private cursor = 0;
  private registryEvents: Generated[];

  constructor(private readonly layout: StoreLayout) {
    this.random = prng(layout.seed);
    this.end = Date.now() - DAY;
    this.start = this.end - 3 * 365 * DAY;
    this.units = Array.from({ length: UNITS }, (_, index) => ({
      unitId: randomUUID(),
      staff: Array.from({ length: 4 }, (__, s) => `unit${index}/staff-${s}`),
    }));
    this.unitIds = this.units.map((unit) => unit.unitId);
    this.initiatives = Array.from({ length: INITIATIVES }, () => randomUUID());
    const firstYear = new Date(this.start).getUTCFullYear();
    this.funds = Array.from({ length: 4 * FUNDS_PER_YEAR }, (_, index) => ({
      fundId: randomUUID(),
      year: firstYear + Math.floor(index / FUNDS_PER_YEAR),
    }));
    this.fundIds = this.funds.map((fund) => fund.fundId);
    this.registryEvents = this.registries();
    const caseEvents = layout.events - this.registryEvents.length;
    if (caseEvents < 3 * layout.cases)
      throw new Error(`--events must be at least 3 per case plus ${this.registryEvents.length} registry events`);
    this.planCases(caseEvents);
  }

  /** Appends the registry streams, one append per stream. */
  async writeRegistries(store: EventStore): Promise<void> {
    const byStream = new Map<string, Generated[]>();
    for (const generated of this.registryEvents)
      byStream.set(generated.streamId, [...(byStream.get(generated.streamId) ?? []), generated]);
    await inParallel([...byStream.values()], 8, async (events) => {
      await store.append(TENANT, events[0].streamId, events.map(toAppend), 'no_stream');
      this.written += events.length;
    });
    this.registryEvents = [];
  }

  /** Appends case chunks (and fund decisions) with `concurrency` appends in flight until `to` events are in the store. */
  async grow(
    store: EventStore,
    to: number,
    concurrency: number,
    progress?: (p: GrowthProgress) => void,
  ): Promise<void> {
    if (this.registryEvents.length) await this.writeRegistries(store);
    const started = Date.now();
    let reported = this.written;
    let reserved = this.written;
    const worker = async () => {
      for (;;) {
        const budget = to - reserved;
        if (budget <= 0) return;
        const state = this.nextCase();
        if (state === 'done') return;
        if (state === 'busy') {
          // Every case with events left is being appended to: wait for one (a stream's events stay in order).
          await new Promise((resolve) => setTimeout(resolve, 5));
          continue;
        }
        state.busy = true;
        const size = Math.min(
          budget,
          state.planned - state.emitted,
          between(state.random, Math.ceil(this.layout.chunk / 2), Math.floor(this.layout.chunk * 1.5)),
        );
        reserved += size;
        const generated = Array.from({ length: size }, () => this.nextEvent(state));
        const own = generated.filter((g) => g.streamId === `case-${state.caseId}`);
        const others = generated.filter((g) => g.streamId !== `case-${state.caseId}`);
        if (own.length) await store.append(TENANT, own[0].streamId, own.map(toAppend), 'any');
        // Fund decisions go to the fund's stream; appends to one stream queue up on its row lock.
        for (const g of others) await store.append(TENANT, g.streamId, [toAppend(g)], 'any');
        this.written += size;
        state.busy = false;
        if (progress && this.written - reported >= 50_000) {
          reported = this.written;
          progress({ events: this.written, seconds: (Date.now() - started) / 1000 });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  /** The next case with events left that no append is busy with, round-robin. */
  private nextCase(): CaseState | 'busy' | 'done' {
    let busy = false;
    for (let tried = 0; tried < this.cases.length; tried++) {
      const state = this.cases[this.cursor];
      this.cursor = (this.cursor + 1) % this.cases.length;
      if (state.emitted >= state.planned) continue;
      if (!state.busy) return state;
      busy = true;
    }
    return busy ? 'busy' : 'done';
  }

  private registries(): Generated[] {
    const events: Generated[] = [];
    const add = (streamId: string, event: DomainEvent, at: number) => events.push({ streamId, event, at });
    const at = this.start - 30 * DAY;
    this.units.forEach((unit, index) => {
      add(
        `unit-${unit.unitId}`,
        {
          type: 'UnitRegistered',
          data: { unitId: unit.unitId, name: `Fachbereich ${index + 1}`, isContactPoint: index === 0 },
        },
        at,
      );
      for (let quarter = 0; quarter < 13; quarter++) {
        const date = new Date(this.start + quarter * 91 * DAY);
        const period = `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
        add(
          `unit-${unit.unitId}`,
          { type: 'StaffTimeBudgetSet', data: { unitId: unit.unitId, period, hours: 120 + 40 * (index % 4) } },
          at + quarter * DAY,
        );
      }
    });
    this.initiatives.forEach((initiativeId, index) => {
      add(
        `initiative-${initiativeId}`,
        {
          type: 'InitiativeRegistered',
          data: {
            initiativeId,
            name: `Initiative ${index + 1}`,
            kind: pick(this.random, INITIATIVE_KINDS),
            district: `Bezirk ${1 + (index % 12)}`,
            contact: { name: `Kontakt ${index + 1}` },
          },
        },
        at,
      );
      add(
        `initiative-${initiativeId}`,
        { type: 'ActiveMembersReported', data: { initiativeId, activeMembers: between(this.random, 3, 60) } },
        at + DAY,
      );
    });
    for (const fund of this.funds) {
      add(
        `fund-${fund.fundId}`,
        {
          type: 'FundOpened',
          data: { fundId: fund.fundId, name: `Mit-mach-Fonds ${fund.year}`, year: fund.year, budgetCents: 50_000_000 },
        },
        at,
      );
    }
    return events;
  }

  private planCases(caseEvents: number): void {
    const { cases } = this.layout;
    const weights = Array.from({ length: cases }, () => 0.3 + 1.4 * this.random());
    const total = weights.reduce((sum, w) => sum + w, 0);
    const planned = weights.map((w) => Math.max(3, Math.floor((w / total) * caseEvents)));
    // Hand out what rounding left over (or take back what the minimum of 3 added), one by one.
    let difference = caseEvents - planned.reduce((sum, n) => sum + n, 0);
    for (let index = 0; difference !== 0; index = (index + 1) % cases) {
      if (difference > 0) {
        planned[index] += 1;
        difference -= 1;
      } else if (planned[index] > 3) {
        planned[index] -= 1;
        difference += 1;
      }
    }
    const span = this.end - this.start;
    for (let index = 0; index < cases; index++) {
      const caseId = randomUUID();
      this.caseIds.push(caseId);
      // Submissions spread over the span in case order; a case's events spread over what is left of it.
      const submitted = this.start + Math.floor(((index + this.random()) / cases) * (span - 14 * DAY));
      const unit = this.units[0];
      this.cases.push({
        caseId,
        random: prng(this.layout.seed * 7919 + index),
        planned: planned[index],
        emitted: 0,
        busy: false,
        clock: submitted,
        meanGap: Math.max(60_000, Math.min(12 * DAY, (this.end - submitted) / Math.max(1, planned[index]))),
        stage: 'request',
        unit,
        staffRef: unit.staff[0],
        initiativeId: this.initiatives[Math.floor(this.random() * this.initiatives.length)],
        commitments: [],
        decisions: [],
        interimAgreement: null,
      });
    }
  }

  /** The case's next event; its last one closes it about a third of the time. */
  private nextEvent(s: CaseState): Generated {
    const r = s.random;
    const caseId = s.caseId;
    const n = s.emitted++;
    const last = s.emitted === s.planned;
    // Business time moves on by an exponential gap, never past the end.
    s.clock = Math.min(this.end, s.clock + Math.max(60_000, Math.floor(-Math.log(1 - r()) * s.meanGap)));
    const at = s.clock;
    const own = (event: DomainEvent): Generated => ({ streamId: `case-${caseId}`, event, at });
    if (n === 0) {
      const requestedSupport = REQUESTED_SUPPORT_KINDS.filter(() => r() < 0.3);
      return own({
        type: 'RequestSubmitted',
        data: {
          caseId,
          initiativeId: s.initiativeId,
          title: `Anfrage ${caseId.slice(0, 8)}: Zwischennutzung und Unterstützung für ein Stadtteilprojekt`,
          description:
            'Die Initiative bittet um Unterstützung bei Genehmigung, Ausstattung und Vernetzung für ein offenes Nachbarschaftsangebot.',
          category: pick(r, CATEGORIES),
          channel: pick(r, REQUEST_CHANNELS),
          requestedSupport: requestedSupport.length ? requestedSupport : ['advice'],
        },
      });
    }
    if (n === 1) {
      return own({
        type: 'RequestAcknowledged',
        data: {
          caseId,
          unitId: this.units[0].unitId,
          staffRef: this.units[0].staff[between(r, 0, 3)],
          note: 'Eingangsbestätigung versandt.',
        },
      });
    }
    if (n === 2 || (!last && r() < 0.01)) return this.assignContact(s, at);
    if (last && r() < 0.35) {
      const outcome = pick(r, CASE_OUTCOMES);
      return own({
        type: 'CaseClosed',
        data: { caseId, outcome, rationale: 'Abschluss nach gemeinsamer Auswertung.', stage: s.stage },
      });
    }
    const due = s.decisions.findIndex((d) => d.at <= at);
    if (due >= 0) {
      const [decision] = s.decisions.splice(due, 1);
      const fundStream = `fund-${decision.fund.fundId}`;
      const data = { fundId: decision.fund.fundId, applicationId: decision.applicationId, caseId };
      return r() < 0.7
        ? {
            streamId: fundStream,
            at,
            event: {
              type: 'GrantAwarded',
              data: {
                ...data,
                amountCents: decision.amountCents,
                proofDueOn: localDate(at + 270 * DAY),
                rationale: 'Förderfähig nach der Förderrichtlinie.',
              },
            },
          }
        : {
            streamId: fundStream,
            at,
            event: {
              type: 'ApplicationRejected',
              data: { ...data, rationale: 'Nicht förderfähig nach Nr. 4.2 der Förderrichtlinie.' },
            },
          };
    }
    const roll = r();
    if (roll < 0.06) {
      const commitmentId = randomUUID();
      const dueOn = localDate(at + between(r, 7, 60) * DAY);
      s.commitments.push({ commitmentId, dueOn });
      return own({
        type: 'CommitmentMade',
        data: {
          caseId,
          commitmentId,
          promisor: pick(r, PARTIES),
          description: 'Prüfung der Unterlagen und Rückmeldung an die Initiative.',
          dueOn,
        },
      });
    }
    if (roll < 0.1 && s.commitments.length) {
      const { commitmentId } = s.commitments.shift() as { commitmentId: string };
      return own({ type: 'CommitmentFulfilled', data: { caseId, commitmentId } });
    }
    if (roll < 0.115 && s.commitments.length) {
      const commitment = s.commitments[0];
      commitment.dueOn = localDate(Math.max(Date.parse(commitment.dueOn), at) + between(r, 7, 30) * DAY);
      return own({
        type: 'CommitmentRenegotiated',
        data: {
          caseId,
          commitmentId: commitment.commitmentId,
          newDueOn: commitment.dueOn,
          reason: 'Stellungnahme steht noch aus.',
        },
      });
    }
    if (roll < 0.12 && s.commitments.length) {
      const { commitmentId } = s.commitments.pop() as { commitmentId: string };
      return own({ type: 'CommitmentWithdrawn', data: { caseId, commitmentId, reason: 'Prüfung entfällt.' } });
    }
    if (roll < 0.13) {
      const year = new Date(at).getUTCFullYear();
      const fund = this.funds.find((f) => f.year === year) ?? this.funds[this.funds.length - 1];
      const applicationId = randomUUID();
      const amountCents = between(r, 20, 400) * 1000;
      s.decisions.push({ at: at + between(r, 14, 60) * DAY, fund, applicationId, amountCents });
      return own({
        type: 'FundingApplied',
        data: {
          caseId,
          applicationId,
          fundId: fund.fundId,
          amountRequestedCents: amountCents,
          purpose: 'Erstausstattung (Möbel, Werkzeug).',
        },
      });
    }
    if (roll < 0.145) {
      if (s.stage === 'request') s.stage = 'support';
      return own({
        type: 'SupportAgreed',
        data: {
          caseId,
          supportId: randomUUID(),
          kind: pick(r, SUPPORT_KINDS),
          description: 'Beratung durch die Fachverwaltung, zwei Termine.',
        },
      });
    }
    if (roll < 0.195) {
      return own({
        type: 'StaffTimeLogged',
        data: {
          caseId,
          unitId: s.unit.unitId,
          staffRef: s.staffRef,
          hours: between(r, 1, 16) / 2,
          activity: 'Vorbereitung und Durchführung eines Termins',
        },
      });
    }
    if (roll < 0.215) {
      const scores = {
        responsiveness: between(r, 1, 5),
        reliability: between(r, 1, 5),
        integrity: between(r, 1, 5),
        openness: between(r, 1, 5),
        fairness: between(r, 1, 5),
      };
      return own({ type: 'TrustFeedbackRecorded', data: { caseId, respondent: pick(r, PARTIES), scores } });
    }
    if (roll < 0.22 && s.stage !== 'institutionalised') {
      if (s.interimAgreement === null) {
        const agreementId = randomUUID();
        const endsOn = at + between(r, 90, 365) * DAY;
        s.interimAgreement = { agreementId, endsOn };
        s.stage = 'interim_use';
        return own({
          type: 'InterimUseAgreed',
          data: {
            caseId,
            agreementId,
            propertyRef: `LG-${agreementId.slice(0, 8)}`,
            propertyKind: pick(r, PROPERTY_KINDS),
            startsOn: localDate(at),
            endsOn: localDate(endsOn),
            licenceToTry: r() < 0.5,
            conditions: ['Nutzung werktags bis 22 Uhr'],
          },
        });
      }
      if (r() < 0.7) {
        s.interimAgreement.endsOn += 180 * DAY;
        return own({
          type: 'InterimUseExtended',
          data: {
            caseId,
            agreementId: s.interimAgreement.agreementId,
            newEndsOn: localDate(s.interimAgreement.endsOn),
          },
        });
      }
      s.stage = 'institutionalised';
      return own({
        type: 'CaseInstitutionalised',
        data: { caseId, form: pick(r, INSTITUTIONALISATION_FORMS), effectiveFrom: localDate(at + 30 * DAY) },
      });
    }
    const initiatedBy: Party = r() < 0.55 ? 'administration' : 'initiative';
    return own({
      type: 'InteractionRecorded',
      data: {
        caseId,
        interactionId: randomUUID(),
        kind: pick(r, INTERACTION_KINDS),
        initiatedBy,
        participationLevel: pick(r, PARTICIPATION_LEVELS),
        staffRef: s.staffRef,
        unitId: s.unit.unitId,
        durationMinutes: between(r, 2, 12) * 15,
        summary: 'Gespräch zum Stand der Planung; nächste Schritte und offene Fragen vereinbart.',
      },
    });
  }

  /** A (new) contact person, mostly in a unit other than the contact point. */
  private assignContact(s: CaseState, at: number): Generated {
    const r = s.random;
    s.unit = this.units[between(r, 1, this.units.length - 1)];
    s.staffRef = pick(r, s.unit.staff);
    return {
      streamId: `case-${s.caseId}`,
      at,
      event: {
        type: 'ContactPersonAssigned',
        data: {
          caseId: s.caseId,
          staffRef: s.staffRef,
          unitId: s.unit.unitId,
          handoverNote: 'Zuständigkeit übergeben.',
        },
      },
    };
  }
}

const toAppend = ({ event, at }: Generated): EventToAppend => ({
  eventId: randomUUID(),
  type: event.type,
  schemaVersion: schemaVersionOf(event.type),
  data: event.data as Readonly<Record<string, unknown>>,
  metadata: eventMetadata(),
  occurredAt: new Date(at),
});

async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
