import {
  DEFAULT_TENANT_RULES,
  type InteractionKind,
  type ParticipationLevel,
  type Party,
  type TrustScores,
} from '@koproduktiv/domain';
import { initiativeName, InitiativeKey } from './initiatives';
import { addDays, DataOf, Script, When } from './script';
import { GrantScript } from './grant-script';
import { fundName, Staff, unitName } from './units';

type Submit = Omit<DataOf<'SubmitRequest'>, 'caseId' | 'initiativeId'>;

/** The threshold the demo's tenant keeps (the default): awards from it on need a second clerk. */
const FOUR_EYES_THRESHOLD_CENTS = DEFAULT_TENANT_RULES.fourEyesThresholdCents;

export interface Talk {
  readonly kind: InteractionKind;
  readonly by: Party;
  readonly level: ParticipationLevel;
  readonly summary: string;
  readonly minutes?: number;
  /** Staff member taking part; default: the case's current contact person. */
  readonly staff?: Staff;
  /**
   * Staff time to log for it (LogStaffTime). Default: meetings, site visits, workshops and events
   * are always logged (duration plus preparation), calls and e-mails now and then; 0 logs nothing.
   */
  readonly logHours?: number;
}

export interface Routine {
  /** Days between contacts: [min, max]. */
  readonly every: readonly [number, number];
  readonly levels: readonly ParticipationLevel[];
  readonly kinds: readonly InteractionKind[];
  /** Share of contacts initiated by the initiative. */
  readonly initiativeShare: number;
  readonly topics: readonly string[];
}

const MINUTES: Record<InteractionKind, [number, number]> = {
  meeting: [45, 120],
  call: [10, 30],
  email: [5, 20],
  site_visit: [60, 150],
  event: [120, 300],
  workshop: [120, 240],
};

/**
 * A case's timeline with the vocabulary of the domain. Commitments state the outcome the story
 * means (kept, late); the builder checks it against the due date in force, so a story that says
 * "kept" cannot quietly turn late when a step moves (METRICS.md: commitment status).
 */
export class CaseScript extends Script {
  readonly caseId: string;
  private contact: Staff | undefined;
  private readonly commitments = new Map<string, { id: string; dueOn: string }>();
  private readonly applications = new Map<string, string>();
  private readonly agreements = new Map<string, string>();
  private readonly grantScripts = new Map<string, GrantScript>();
  private topic = 0;

  constructor(
    seed: number,
    name: string,
    private readonly initiative: InitiativeKey,
    start: string,
  ) {
    super(seed, `case:${name}`, start);
    this.caseId = this.id(this.name);
  }

  private ref(kind: string, key: string): string {
    return this.id(`${this.name}/${kind}:${key}`);
  }

  submit(when: When, request: Submit): this {
    return this.send(when, 'SubmitRequest', {
      caseId: this.caseId,
      initiativeId: this.id(initiativeName(this.initiative)),
      ...request,
    });
  }

  /** Acknowledges the request, and logs the time spent reading and routing it. */
  acknowledge(when: When, staff: Staff, note?: string): this {
    this.send(when, 'AcknowledgeRequest', {
      caseId: this.caseId,
      unitId: this.id(unitName(staff.unit)),
      staffRef: staff.ref,
      ...(note ? { note } : {}),
    });
    return this.logTime(
      0,
      this.random.int(2, 6) / 4,
      'Anliegen geprüft, Zuständigkeit geklärt, Eingangsbestätigung',
      staff,
    );
  }

  assign(when: When, staff: Staff, handoverNote?: string): this {
    this.contact = staff;
    return this.send(when, 'AssignContactPerson', {
      caseId: this.caseId,
      staffRef: staff.ref,
      unitId: this.id(unitName(staff.unit)),
      ...(handoverNote ? { handoverNote } : {}),
    });
  }

  talk(when: When, talk: Talk): this {
    const staff = talk.staff ?? this.contact;
    if (!staff) throw new Error(`${this.name}: an interaction needs a staff member or a contact person`);
    const [min, max] = MINUTES[talk.kind];
    const minutes = talk.minutes ?? this.random.int(min / 5, max / 5) * 5;
    this.send(when, 'RecordInteraction', {
      caseId: this.caseId,
      interactionId: this.id(`${this.name}/interaction:${this.steps.length}`),
      kind: talk.kind,
      initiatedBy: talk.by,
      participationLevel: talk.level,
      staffRef: staff.ref,
      unitId: this.id(unitName(staff.unit)),
      durationMinutes: minutes,
      summary: talk.summary,
    });
    const hours = talk.logHours ?? this.defaultHours(talk.kind, minutes);
    if (hours > 0) this.logTime(0, hours, `${talk.summary} (mit Vor- und Nachbereitung)`, staff);
    return this;
  }

  private defaultHours(kind: InteractionKind, minutes: number): number {
    const quarters = Math.ceil(minutes / 15);
    if (kind === 'call' || kind === 'email') return this.random.chance(0.35) ? (quarters + 1) / 4 : 0;
    return (quarters + this.random.int(2, 8)) / 4;
  }

  /** Regular contacts until (not including) `until`, with gaps, levels and kinds drawn from the seeded PRNG. */
  routine(until: string, routine: Routine): this {
    for (;;) {
      const next = addDays(this.day, this.random.int(routine.every[0], routine.every[1]));
      if (this.dayAt(next) >= until) return this;
      const by: Party = this.random.chance(routine.initiativeShare) ? 'initiative' : 'administration';
      const kind = this.random.pick(routine.kinds);
      const summary = routine.topics[this.topic++ % routine.topics.length];
      this.talk(next, { kind, by, level: this.random.pick(routine.levels), summary });
    }
  }

  logTime(when: When, hours: number, activity: string, staff = this.contact): this {
    if (!staff) throw new Error(`${this.name}: staff time needs a staff member`);
    return this.send(when, 'LogStaffTime', {
      caseId: this.caseId,
      unitId: this.id(unitName(staff.unit)),
      staffRef: staff.ref,
      hours,
      activity,
    });
  }

  /** A promise due `dueInDays` after the day it is made. */
  promise(when: When, key: string, promisor: Party, description: string, dueInDays: number): this {
    const commitmentId = this.ref('commitment', key);
    const dueOn = addDays(this.dayAt(when), dueInDays);
    this.commitments.set(key, { id: commitmentId, dueOn });
    return this.send(when, 'MakeCommitment', { caseId: this.caseId, commitmentId, promisor, description, dueOn });
  }

  /** Fulfils a commitment; `expect` is what the story means, checked against the due date in force. */
  fulfil(when: When, key: string, expect: 'kept' | 'late'): this {
    const commitment = this.commitment(key);
    const late = this.dayAt(when) > commitment.dueOn;
    if (late !== (expect === 'late'))
      throw new Error(`${this.name}: commitment ${key} would be ${late ? 'late' : 'kept'}, the story says ${expect}`);
    return this.send(when, 'FulfilCommitment', { caseId: this.caseId, commitmentId: commitment.id });
  }

  /** Moves the due date; before the due date in force that is a fair renegotiation, after it the promise counts as late. */
  renegotiate(when: When, key: string, newDueInDays: number, reason: string): this {
    const commitment = this.commitment(key);
    const day = this.dayAt(when);
    const newDueOn = addDays(day, newDueInDays);
    if (day <= commitment.dueOn) commitment.dueOn = newDueOn;
    else commitment.dueOn = '0000-00-00'; // marked late, whatever happens next
    return this.send(when, 'RenegotiateCommitment', {
      caseId: this.caseId,
      commitmentId: commitment.id,
      newDueOn,
      reason,
    });
  }

  withdraw(when: When, key: string, reason: string): this {
    return this.send(when, 'WithdrawCommitment', {
      caseId: this.caseId,
      commitmentId: this.commitment(key).id,
      reason,
    });
  }

  apply(when: When, key: string, year: number, euro: number, purpose: string): this {
    const applicationId = this.ref('application', key);
    this.applications.set(key, `${year}`);
    return this.send(when, 'ApplyForFunding', {
      caseId: this.caseId,
      applicationId,
      fundId: this.id(fundName(year)),
      amountRequestedCents: euro * 100,
      purpose,
    });
  }

  /**
   * Awards a grant; the proof of use is due ten months later unless the story says when. From
   * 5 000 € on (the default four-eyes threshold) the award is only proposed, and a second clerk
   * confirms it the same day. What follows on the fund is written with `grant(key)`.
   */
  award(when: When, key: string, euro: number, rationale?: string, proofDueOn?: string): this {
    const day = this.dayAt(when);
    this.send(when, 'AwardGrant', {
      ...this.application(key),
      caseId: this.caseId,
      amountCents: euro * 100,
      proofDueOn: proofDueOn ?? addDays(day, 300),
      ...(rationale ? { rationale } : {}),
    });
    const grant = new GrantScript(this.seed, `${this.name}/grant:${key}`, this.steps.at(-1)!.at, this.application(key));
    this.grantScripts.set(key, grant);
    if (euro * 100 >= FOUR_EYES_THRESHOLD_CENTS) grant.confirm(0);
    return this;
  }

  /** The award's procedure on the fund after the award (proof of use, review, reclaim, settlement). */
  grant(key: string): GrantScript {
    const grant = this.grantScripts.get(key);
    if (!grant) throw new Error(`${this.name}: no award ${key}`);
    return grant;
  }

  /** The timelines of this case's awards on the fund, to be played with it. */
  get grants(): readonly GrantScript[] {
    return [...this.grantScripts.values()];
  }

  reject(when: When, key: string, rationale: string): this {
    return this.send(when, 'RejectApplication', { ...this.application(key), caseId: this.caseId, rationale });
  }

  disburse(when: When, key: string, euro: number): this {
    return this.send(when, 'DisburseGrant', { ...this.application(key), amountCents: euro * 100 });
  }

  support(when: When, key: string, kind: DataOf<'AgreeSupport'>['kind'], description: string): this {
    return this.send(when, 'AgreeSupport', {
      caseId: this.caseId,
      supportId: this.ref('support', key),
      kind,
      description,
    });
  }

  interimUse(when: When, key: string, agreement: Omit<DataOf<'AgreeInterimUse'>, 'caseId' | 'agreementId'>): this {
    const agreementId = this.ref('agreement', key);
    this.agreements.set(key, agreementId);
    return this.send(when, 'AgreeInterimUse', { caseId: this.caseId, agreementId, ...agreement });
  }

  extend(when: When, key: string, newEndsOn: string): this {
    return this.send(when, 'ExtendInterimUse', { caseId: this.caseId, agreementId: this.agreement(key), newEndsOn });
  }

  endInterimUse(when: When, key: string, reason: DataOf<'EndInterimUse'>['reason']): this {
    return this.send(when, 'EndInterimUse', { caseId: this.caseId, agreementId: this.agreement(key), reason });
  }

  sponsor(when: When, sponsorRef: string, sponsorKind: DataOf<'AssignSponsor'>['sponsorKind']): this {
    return this.send(when, 'AssignSponsor', { caseId: this.caseId, sponsorRef, sponsorKind });
  }

  resolution(
    when: When,
    resolutionRef: string,
    body: string,
    outcome: DataOf<'LinkCouncilResolution'>['outcome'],
  ): this {
    return this.send(when, 'LinkCouncilResolution', {
      caseId: this.caseId,
      resolutionRef,
      body,
      decidedOn: this.dayAt(when),
      outcome,
    });
  }

  institutionalise(
    when: When,
    form: DataOf<'InstitutionaliseCase'>['form'],
    effectiveFrom: string,
    budgetLine?: string,
  ): this {
    return this.send(when, 'InstitutionaliseCase', {
      caseId: this.caseId,
      form,
      effectiveFrom,
      ...(budgetLine ? { budgetLine } : {}),
    });
  }

  /** Trust feedback; each score may vary by one point with the seed (1..5), the story's tendency stays. */
  feedback(
    when: When,
    respondent: Party,
    scores: readonly [number, number, number, number, number],
    comment?: string,
  ): this {
    const vary = (score: number) =>
      Math.min(5, Math.max(1, score + (this.random.chance(0.25) ? this.random.pick([-1, 1]) : 0)));
    const [responsiveness, reliability, integrity, openness, fairness] = scores.map(vary);
    const trust: TrustScores = { responsiveness, reliability, integrity, openness, fairness };
    return this.send(when, 'RecordTrustFeedback', {
      caseId: this.caseId,
      respondent,
      scores: trust,
      ...(comment ? { comment } : {}),
    });
  }

  close(when: When, outcome: DataOf<'CloseCase'>['outcome'], rationale?: string): this {
    return this.send(when, 'CloseCase', { caseId: this.caseId, outcome, ...(rationale ? { rationale } : {}) });
  }

  reopen(when: When, reason: string): this {
    return this.send(when, 'ReopenCase', { caseId: this.caseId, reason });
  }

  private commitment(key: string) {
    const commitment = this.commitments.get(key);
    if (!commitment) throw new Error(`${this.name}: no commitment ${key}`);
    return commitment;
  }

  private application(key: string) {
    const year = this.applications.get(key);
    if (!year) throw new Error(`${this.name}: no application ${key}`);
    return { fundId: this.id(fundName(Number(year))), applicationId: this.ref('application', key) };
  }

  private agreement(key: string): string {
    const agreement = this.agreements.get(key);
    if (!agreement) throw new Error(`${this.name}: no interim-use agreement ${key}`);
    return agreement;
  }
}
