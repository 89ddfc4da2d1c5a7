/**
 * JSON Schemas (OpenAPI 3.1 / JSON Schema 2020-12) of what the query, operations and health routes
 * answer. The read side returns plain objects from libs/projections and libs/metrics, not DTO
 * classes, so their shapes are written here; test/e2e/openapi.e2e-spec.ts validates live answers
 * against them, so a schema that drifts from the answer fails a test.
 */
import {
  CASE_OUTCOMES,
  CASE_STAGES,
  INITIATIVE_KINDS,
  PARTICIPATION_LEVELS,
  PARTIES,
  TRUST_DRIVERS,
} from '@koproduktiv/domain';
import {
  APPLICATION_STATUSES,
  COMMITMENT_STATUSES,
  PROOF_STATES,
  REVIEW_OUTCOMES,
  WORKLIST_KINDS,
} from '@koproduktiv/metrics';

export type Schema = Record<string, unknown>;

export const METRICS_DOC = 'docs/METRICS.md';
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema =>
  '$ref' in schema
    ? { anyOf: [schema, { type: 'null' }] }
    : {
        ...schema,
        type: [schema.type as string, 'null'],
        ...(Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}),
      };
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const record = (keys: readonly string[], value: Schema, description?: string): Schema =>
  object(Object.fromEntries(keys.map((key) => [key, value])), description);
const str = (description?: string, extra: Schema = {}): Schema => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...extra,
});
/** Employees' identifiers never reach analysts in clear. */
const staffPseudonym = () =>
  str(
    'Pseudonym of the staff member: the same person has the same pseudonym in every answer to this municipality, and another one in every other',
    { pattern: '^staff-[A-Za-z0-9_-]{22}$' },
  );
/** In a case: a pseudonym for analysts, the staff reference in clear for clerks (the administration handling the case). */
const caseStaffRef = (): Schema => ({
  anyOf: [staffPseudonym(), str('For clerks: the staff reference in clear, as the administration recorded it')],
});
const uuid = (description?: string): Schema => str(description, { format: 'uuid' });
const instant = (description?: string): Schema => str(description, { format: 'date-time' });
const date = (description?: string): Schema => str(description, { format: 'date' });
const int = (description?: string): Schema => ({
  type: 'integer',
  minimum: 0,
  ...(description ? { description } : {}),
});
const num = (description: string): Schema => ({ type: 'number', description });
const ratio = (description: string): Schema => ({ type: 'number', minimum: 0, maximum: 1, description });

const days = (what: string) => num(`${what}, in days (decimal; unrounded in JSON, 4 decimals in CSV)`);
const share = (what: string) => ratio(`${what} (0..1; unrounded in JSON, 4 decimals in CSV)`);
const metric = (what: string) => `${what} (${METRICS_DOC})`;

/** Present only when a stored history holds what the metrics cannot interpret (libs/metrics Uninterpretable). */
const UNINTERPRETABLE: Schema = {
  type: 'array',
  description: 'Only when some stored history could not be interpreted: what was left out of this answer, and why',
  items: object({
    caseId: { type: ['string', 'null'] },
    list: str('The history list (`commitments`, …), or `case` when the whole case was left out'),
    pos: { type: ['integer', 'null'], description: 'Store position of the event, when one entry is meant' },
    reason: str(),
  }),
};
/** `schema` with the optional `uninterpretable` report. */
const reporting = (schema: Schema): Schema => ({
  ...schema,
  properties: { ...(schema.properties as Record<string, Schema>), uninterpretable: UNINTERPRETABLE },
});

const commitmentCounts = record(
  COMMITMENT_STATUSES,
  int(),
  'Commitments by status as of T: kept, late, broken, overdue, open',
);
const reliability = object(
  {
    administration: nullable(share("Reliability of the administration's promises")),
    initiative: nullable(share("Reliability of the initiative's promises")),
    combined: nullable(share('Reliability of all promises')),
  },
  metric('kept / (kept + late + broken + overdue); null when that sum is 0'),
);

const indexComponent = object({
  value: nullable(ratio('The component in 0..1; null when undefined for this case')),
  weight: { type: 'number', minimum: 0, description: 'Configured weight (tenant settings)' },
  effectiveWeight: nullable(ratio('Weight actually used: renormalised over the defined components')),
});
const compositeIndex = (components: readonly string[], description: string): Schema =>
  object(
    {
      value: nullable({
        type: 'number',
        minimum: 0,
        maximum: 100,
        description: '0..100; null when no weighted component is defined',
      }),
      components: record(components, indexComponent),
    },
    description,
  );

const aggregateProperties: Record<string, Schema> = {
  asOf: instant('T: the business time the metrics are computed for'),
  cases: int('Cases submitted by T in the set (open + closed)'),
  openCases: int(),
  closedCases: int(),
  casesPerStage: record(CASE_STAGES, int(), 'Open cases by current stage'),
  closedPerOutcome: record(CASE_OUTCOMES, int(), 'Closed cases by the outcome of the closing in force'),
  institutionalisationRate: nullable(share('Institutionalised by T / cases in the set (cohort view)')),
  dormantShare: nullable(share('Dormant / open cases')),
  waitingShare: nullable(
    share('Open cases waiting for the initiative at T / open cases (their silence and deadlines stand still)'),
  ),
  medianDaysToFirstResponse: nullable(days('Median over cases of the time to the first response')),
  respondedWithinTargetShare: nullable(
    share('Cases answered within the response target, over the cases where that is decided'),
  ),
  commitmentReliability: reliability,
  commitments: record(PARTIES, commitmentCounts, 'Pooled commitment counts per promisor'),
  medianFundingDecisionDays: nullable(days('Median over every decided application of application to decision')),
  participation: record(PARTICIPATION_LEVELS, int(), 'Interactions per participation level, pooled'),
  coCreationShare: nullable(share('(collaborate + empower) / interactions, pooled')),
  meanTrustIndex: nullable({
    type: 'number',
    minimum: 0,
    maximum: 100,
    description: 'Mean trustIndex over cases where defined',
  }),
  meanContinuityIndex: nullable({
    type: 'number',
    minimum: 0,
    maximum: 100,
    description: 'Mean continuityIndex over cases where defined',
  }),
};

const fresh = (data: Schema, description: string): Schema =>
  object(
    { position: int('Store position the read models had reached (also in X-Read-Model-Position)'), data },
    description,
  );

/** The object schema with `key` not required (a field stored documents may lack). */
const notRequired = (schema: Schema, key: string): Schema => ({
  ...schema,
  required: (schema.required as string[]).filter((name) => name !== key),
});

// Cases projected before waits existed have no waitingForInitiative until the read models are rebuilt.
const caseDocument = notRequired(
  object(
    {
      caseId: uuid(),
      initiativeId: nullable(uuid()),
      title: nullable(str()),
      category: nullable(str()),
      channel: nullable(str()),
      requestedSupport: { type: 'array', items: str() },
      stage: str(undefined, { enum: [...CASE_STAGES] }),
      status: str(undefined, { enum: ['open', 'closed'] }),
      outcome: nullable(str(undefined, { enum: [...CASE_OUTCOMES] })),
      submittedAt: nullable(instant()),
      closedAt: nullable(instant()),
      lastContactAt: nullable(instant('Latest contact: submission or interaction')),
      acknowledgedBy: nullable(object({ unitId: uuid(), staffRef: caseStaffRef(), at: instant() })),
      contactPerson: nullable(object({ staffRef: caseStaffRef(), unitId: uuid(), since: instant() })),
      unitId: nullable(uuid("The unit the case belongs to: its contact person's, else the acknowledging unit's")),
      interactions: int(),
      commitments: int(),
      fundingApplications: {
        type: 'object',
        description: 'By applicationId',
        additionalProperties: object({
          fundId: nullable(uuid()),
          status: str(undefined, { enum: ['applied', 'awarded', 'rejected'] }),
          requestedCents: nullable(int()),
          awardedCents: nullable(int()),
        }),
      },
      supports: int(),
      interimUse: {
        type: 'object',
        description: 'Interim-use agreements by agreementId',
        additionalProperties: object({
          propertyKind: str(),
          startsOn: date(),
          endsOn: date(),
          licenceToTry: { type: 'boolean' },
          ended: nullable(str('Why it ended')),
        }),
      },
      sponsors: int(),
      councilResolutions: { type: 'array', items: object({ resolutionRef: str(), outcome: str(), decidedOn: date() }) },
      institutionalisation: nullable(object({ form: str(), effectiveFrom: date(), at: instant() })),
      narrativesShreddedAt: nullable(
        instant('When its narratives were shredded; null while a narrative written since is held'),
      ),
      waitingForInitiative: nullable(
        object(
          { since: instant('When the wait began (business time)'), until: nullable(date('Its last day, if given')) },
          'The wait for the initiative on record, from AwaitInitiative until ResumeCase or closing (its reason is personal data and not shown). After `until` its clocks run again even while it is on record. Absent in cases projected before waits existed, until the next rebuild',
        ),
      ),
    },
    'A case as analysts see it (no personal data)',
  ),
  'waitingForInitiative',
);

const perceivedSide = (side: string) =>
  nullable(
    record(
      TRUST_DRIVERS,
      { type: 'number', minimum: 1, maximum: 5 },
      `Mean score per driver of the ${side}'s feedback`,
    ),
  );

const caseMetrics = reporting(
  object(
    {
      contactContinuity: nullable(ratio(metric('Bice–Boxerman continuity of the staff leading interactions'))),
      contactHandovers: int('ContactPersonAssigned after the first'),
      daysToContactPerson: nullable(days('Submission to the first contact person')),
      medianContactGapDays: nullable(
        days('Median open time between consecutive contacts, without time spent waiting for the initiative'),
      ),
      longestSilenceDays: days(
        'Longest open time without contact, up to T, without time spent waiting for the initiative',
      ),
      dormant: {
        type: 'boolean',
        description: 'Open and silent (not counting time spent waiting for the initiative) for more than dormancyDays',
      },
      stageDays: record(CASE_STAGES, days('Open time in the stage')),
      daysToInstitutionalisation: nullable(days('Submission to institutionalisation')),
      interimUseExtensions: int(),
      waitingForInitiative: nullable(
        object(
          { since: instant('When the wait began'), until: nullable(date('Its last day, if one was given')) },
          "The wait for the initiative running at T: the response target, the dormancy clock and the administration's due dates stand still",
        ),
      ),
      waitingDays: days('Time spent waiting for the initiative up to T'),
      daysToFirstResponse: nullable(
        days(
          'Submission to acknowledgement or the first contact by the administration, without the time spent waiting for the initiative',
        ),
      ),
      respondedWithinTarget: { type: ['boolean', 'null'], description: 'null while undecided' },
      commitments: record(PARTIES, commitmentCounts),
      commitmentReliability: reliability,
      fundingDecisionDays: nullable(days('Mean over decided applications of application to decision')),
      participation: record(PARTICIPATION_LEVELS, int()),
      coCreationShare: nullable(share('(collaborate + empower) / interactions')),
      pseudoParticipationRisk: { type: 'boolean', description: 'At least 5 interactions and none at involve or above' },
      reciprocityIndex: nullable(ratio('1 − |2s − 1|, s = share of interactions initiated by the initiative')),
      perceivedTrust: object({
        initiative: perceivedSide('initiative'),
        administration: perceivedSide('administration'),
        overall: nullable({
          type: 'number',
          minimum: 1,
          maximum: 5,
          description: 'Mean of the five driver means over both sides',
        }),
      }),
      trustIndex: compositeIndex(
        ['responsiveness', 'reliability', 'participation', 'reciprocity', 'perceived'],
        metric('Trust index 0..100'),
      ),
      continuityIndex: compositeIndex(['contactStability', 'handovers', 'rhythm'], metric('Continuity index 0..100')),
      asOf: instant('T'),
    },
    metric('Every case metric as of T'),
  ),
);

const initiative = object(
  {
    initiativeId: uuid(),
    name: nullable(str()),
    kind: nullable(str(undefined, { enum: [...INITIATIVE_KINDS] })),
    district: nullable(str()),
    dissolved: nullable(
      object({ at: instant() }, 'When it dissolved (the reason given is personal data and stays in the event)'),
    ),
    personalDataErasedAt: nullable(
      instant('When its personal data was erased; null while personal data given since is held'),
    ),
    memberReports: { type: 'array', items: object({ at: instant(), pos: int(), activeMembers: int() }) },
  },
  'An initiative (its contact, personal data, is never part of it)',
);

const initiativeMetrics = reporting(
  object(
    {
      ...aggregateProperties,
      initiativeId: nullable(uuid()),
      latestActiveMembers: nullable(int()),
      highestActiveMembers: nullable(int()),
      memberRetention: nullable(share('Latest reported active members / highest reported so far')),
    },
    metric("Aggregate metrics of the initiative's cases and its member retention, as of T"),
  ),
);

const staffTime = object({
  unitId: uuid(),
  period: str('YYYY-MM or YYYY-Qn'),
  loggedHours: { type: 'number', minimum: 0 },
  budgetHours: nullable({ type: 'number', minimum: 0 }),
  staffTimeUse: nullable({
    type: 'number',
    minimum: 0,
    description: metric('loggedHours / budgetHours; above 1 when over budget'),
  }),
  name: nullable(str()),
  isContactPoint: { type: 'boolean' },
});

const cents = (what: string) => int(`${what}, euro cents`);
const moneyColumns = {
  reservedCents: cents('Proposed (four eyes) and neither confirmed nor withdrawn by T'),
  awardedCents: cents('Awarded by T'),
  disbursedCents: cents('Paid out by T'),
  acceptedCents: cents('Accepted by the latest review of the proof of use'),
  reclaimedCents: cents('Reclaimed by T'),
  repaidCents: cents('Repaid by T of what was reclaimed'),
  releasedCents: cents('Of settled applications: awarded but never disbursed, back in the budget'),
};
const grantProcedureMetrics = {
  proofsPastDue: int("Awards whose proofDueOn has passed by T (end of that day, municipality's time zone)"),
  proofsOverdue: int('Of those, the ones without a review of their proof of use by T'),
  proofOverdueShare: nullable(share(metric('proofsOverdue / proofsPastDue; null if none is past due'))),
  daysToProofReview: nullable(days(metric('Median over reviewed awards of first review − first proof submitted'))),
  reclaimRate: nullable({
    type: 'number',
    minimum: 0,
    description: metric('Σ reclaimed / Σ disbursed; null if nothing disbursed'),
  }),
  repaidShare: nullable({
    type: 'number',
    minimum: 0,
    description: metric('Σ repaid / Σ reclaimed; null if nothing reclaimed'),
  }),
};
const fundIdentity = {
  fundId: uuid(),
  name: nullable(str()),
  year: nullable({ type: 'integer' }),
  asOf: instant('T'),
  closedAt: nullable(instant('When the fund stopped taking applications (FundClosed); null while open')),
};

const fund = object(
  {
    ...fundIdentity,
    budgetCents: cents('FundOpened plus every FundBudgetIncreased by T'),
    reservedCents: moneyColumns.reservedCents,
    awardedCents: moneyColumns.awardedCents,
    disbursedCents: moneyColumns.disbursedCents,
    releasedCents: moneyColumns.releasedCents,
    availableCents: { type: 'integer', description: 'budget − reserved − awarded + released, euro cents' },
    awardedShare: nullable({ type: 'number', minimum: 0, description: metric('awarded / budget') }),
    disbursedShare: nullable({ type: 'number', minimum: 0, description: metric('disbursed / awarded') }),
    ...grantProcedureMetrics,
    applications: {
      type: 'array',
      description:
        'A page of the decided applications (awarded or rejected by T), by decision time then applicationId; the next with nextCursor',
      items: object({
        applicationId: str(),
        caseId: nullable(str()),
        status: str('Procedure state as of T', { enum: ['awarded', 'rejected', 'settled'] }),
        awardedCents: int(),
        disbursedCents: int(),
        decidedAt: instant(),
      }),
    },
    nextCursor: nullable(str('Pass as cursor for the next page of decided applications; null on the last')),
  },
  metric('A fund as of T'),
);

const applicationStatement = object(
  {
    applicationId: str(),
    caseId: nullable(str()),
    status: str('Procedure state as of T', { enum: [...APPLICATION_STATUSES] }),
    requestedCents: nullable(cents('Requested (ApplicationReceived); null for an award without one')),
    ...moneyColumns,
    spentCents: nullable(cents("The proof of use's spent amount")),
    receivedAt: nullable(instant()),
    refusedAt: nullable(instant()),
    proposedAt: nullable(instant()),
    awardedAt: nullable(instant()),
    rejectedAt: nullable(instant()),
    proofDueOn: nullable(date('Null for an award made without one (before the grant procedure)')),
    proofSubmittedAt: nullable(instant()),
    proofReviewedAt: nullable(instant()),
    reviewOutcome: nullable(str(undefined, { enum: [...REVIEW_OUTCOMES] })),
    proof: nullable(
      str(
        'due, overdue (past the end of proofDueOn without a review) or reviewed; null without an award with proofDueOn',
        {
          enum: [...PROOF_STATES],
        },
      ),
    ),
    settledAt: nullable(instant()),
  },
  'One application of the fund as of T (amounts, states and dates only: no rationale, reason or purpose)',
);

const fundStatementColumns = {
  ...fundIdentity,
  budgetCents: cents('FundOpened plus every FundBudgetIncreased by T'),
  ...moneyColumns,
  availableCents: { type: 'integer', description: 'budget − reserved − awarded + released, euro cents' },
  applications: { type: 'array', items: ref('FundApplication') },
};
/** nextCursor only in a page: the whole statement stays as it was before it could be paged. */
const fundStatementSchema = {
  ...object(
    {
      ...fundStatementColumns,
      nextCursor: nullable(
        str('Only when paged (limit or cursor): pass as cursor for the next page; null on the last'),
      ),
    },
    metric(
      "The fund statement as of T; each money column is the sum of the applications' column (over all pages, when paged)",
    ),
  ),
  required: Object.keys(fundStatementColumns),
};

const fundApplications = object(
  {
    fundId: uuid(),
    asOf: instant('T'),
    applications: { type: 'array', items: ref('FundApplication') },
    nextCursor: nullable(str('Pass as cursor for the next page; null on the last')),
  },
  'A page of the applications of the fund as of T, filtered by status and proof, in applicationId order',
);

const fundPoint = object(
  {
    fundId: uuid(),
    name: nullable(str()),
    budgetCents: cents('Budget by T'),
    reservedCents: moneyColumns.reservedCents,
    awardedCents: moneyColumns.awardedCents,
    disbursedCents: moneyColumns.disbursedCents,
    releasedCents: moneyColumns.releasedCents,
    availableCents: { type: 'integer', description: 'budget − reserved − awarded + released, euro cents' },
    awardedShare: nullable({ type: 'number', minimum: 0, description: metric('awarded / budget') }),
    disbursedShare: nullable({ type: 'number', minimum: 0, description: metric('disbursed / awarded') }),
    ...grantProcedureMetrics,
  },
  metric('A fund as of the end of a month'),
);
const unitPoint = object(
  {
    unitId: uuid(),
    name: nullable(str()),
    period: str('The month, YYYY-MM'),
    loggedHours: { type: 'number', minimum: 0 },
    budgetHours: nullable({ type: 'number', minimum: 0 }),
    staffTimeUse: nullable({
      type: 'number',
      minimum: 0,
      description: metric('loggedHours / budgetHours of the month; above 1 when over budget'),
    }),
  },
  metric("A unit's staff time in a month, as of its end"),
);
const initiativePoint = object(
  {
    initiativeId: nullable(uuid()),
    name: nullable(str()),
    latestActiveMembers: nullable(int()),
    highestActiveMembers: nullable(int()),
    memberRetention: nullable(share('Latest reported active members / highest reported so far')),
  },
  metric("An initiative's member retention as of the end of a month"),
);
/** Rows of a per-entity time series: the month and its last millisecond, then the entity's figures. */
const monthly = (point: Schema): Schema => ({
  type: 'array',
  items: {
    ...point,
    properties: {
      month: str('YYYY-MM'),
      asOf: instant('The last millisecond of the month'),
      ...(point.properties as object),
    },
    required: ['month', 'asOf', ...(point.required as string[])],
  },
});

const processorStatus = {
  type: 'object',
  properties: {
    name: str(),
    active: { type: 'boolean' },
    caughtUp: { type: 'boolean' },
    position: int(),
    lagSeconds: { type: 'number' },
    lastError: str(),
  },
  required: ['name', 'active', 'caughtUp', 'position', 'lagSeconds'],
  additionalProperties: false,
};
const rebuildState = {
  type: 'object',
  properties: {
    state: str(undefined, { enum: ['idle', 'running', 'succeeded', 'failed'] }),
    startedAt: instant(),
    finishedAt: instant(),
    result: object({ generation: int(), events: int(), seconds: { type: 'number' } }),
    error: str(),
  },
  required: ['state'],
  additionalProperties: false,
};

const caseFileCommitment = object(
  {
    commitmentId: uuid(),
    promisor: str(undefined, { enum: [...PARTIES] }),
    description: nullable(
      str('What was promised, in clear (a narrative: the read is in the access log); null once erased'),
    ),
    descriptionErasedAt: nullable(instant('When the case narratives were erased')),
    madeAt: instant(),
    originalDueOn: date('The due date as promised'),
    dueOn: nullable(date('The due date in force (after renegotiations made in time)')),
    status: nullable(
      str(
        metric('As of now: kept, late, broken, overdue or open; null for a stored due date that is no calendar date'),
        {
          enum: [...COMMITMENT_STATUSES],
        },
      ),
    ),
  },
  'A commitment as the case file shows it to clerks',
);

/** A case's funding application in the clerk's case file: its fund's statement row as of now, with the fund. */
const caseFileApplication: Schema = {
  ...applicationStatement,
  description:
    "A funding application of the case as its fund's statement has it as of now (the same figures as GET /v1/funds/{fundId}/applications and the worklist's proof-of-use items): amounts, states and dates only",
  properties: {
    fundId: uuid(),
    fundName: nullable(str()),
    ...(applicationStatement.properties as Record<string, Schema>),
  },
  required: ['fundId', 'fundName', ...(applicationStatement.required as string[])],
  examples: [
    {
      fundId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a01',
      fundName: 'Mit-mach-Fonds 2026',
      applicationId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a05',
      caseId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02',
      status: 'awarded',
      requestedCents: 300000,
      reservedCents: 0,
      awardedCents: 250000,
      disbursedCents: 250000,
      acceptedCents: 0,
      reclaimedCents: 0,
      repaidCents: 0,
      releasedCents: 0,
      spentCents: 240000,
      receivedAt: '2026-01-10T09:00:00.000Z',
      refusedAt: null,
      proposedAt: null,
      awardedAt: '2026-01-20T10:00:00.000Z',
      rejectedAt: null,
      proofDueOn: '2026-02-27',
      proofSubmittedAt: '2026-03-02T09:00:00.000Z',
      proofReviewedAt: null,
      reviewOutcome: null,
      proof: 'overdue',
      settledAt: null,
    },
  ],
};

/** GET /v1/cases/{caseId}/history: the case's events for clerks, both times, no personal data. */
const caseHistoryAnswer = object(
  {
    caseId: uuid(),
    entries: {
      type: 'array',
      items: object(
        {
          eventId: uuid(),
          type: str('The event type (docs/DOMAIN.md)'),
          streamId: str('The stream it is in: the case, or the fund whose decision names the case'),
          position: int('Store position (global order)'),
          occurredAt: instant('Business time: when it happened, as reported'),
          recordedAt: instant('When the service recorded it'),
          actor: object({ subject: str('Who entered it (the token subject)'), role: str() }),
          details: {
            type: 'object',
            additionalProperties: true,
            description: "The event's data without personal data (narratives, contacts) and without the case id",
          },
        },
        'One event of the case',
      ),
    },
    nextAfterPosition: nullable(int('afterPosition of the next page; null at the end')),
  },
  "A case's history, in store order",
);

/** GET /v1/directory: what the console (or any client) offers to choose from. */
const directory = object({
  units: {
    type: 'array',
    items: object({ unitId: uuid(), name: nullable(str()), isContactPoint: { type: 'boolean' } }),
  },
  initiatives: {
    type: 'array',
    description: 'Without contact data',
    items: object({
      initiativeId: uuid(),
      name: nullable(str()),
      kind: nullable(str()),
      district: nullable(str()),
    }),
  },
  funds: { type: 'array', items: object({ fundId: uuid(), name: nullable(str()), year: nullable(int()) }) },
  categories: { type: 'array', items: str(), description: 'The categories cases were submitted under' },
  metricsSettings: object(
    {
      responseTargetDays: num('Target for the first response, in days'),
      dormancyDays: num('Days without contact after which an open case counts as dormant'),
      timeZone: str('IANA time zone of the municipality'),
    },
    metric("The municipality's metric settings (METRICS_SETTINGS)"),
  ),
});

/** POST /v1/dev/sign-in: a token of the embedded default's HS256 secret. */
const devSignIn = object({
  accessToken: str('HS256 bearer token for Authorization: Bearer …'),
  tokenType: str(undefined, { const: 'Bearer' }),
  expiresAt: instant('When the token expires'),
  tenant: str(),
  roles: { type: 'array', items: str() },
});
const worklistItem = object(
  {
    kind: str(undefined, { enum: [...WORKLIST_KINDS] }),
    caseId: uuid(),
    caseTitle: nullable(str()),
    dueOn: nullable(date('The due date of a dated item (commitment, agreement end, proof of use)')),
    dueAt: instant('When it falls due; for a dated item the end of that day in the municipality'),
    overdueDays: int('Days past due, a started day counting as one; 0 while not overdue'),
    unitId: nullable(uuid("The case's unit: its contact person's, else the acknowledging unit's")),
    staffRef: nullable(
      str('The contact person, else who acknowledged the request (in clear: clerks are the administration)'),
    ),
    promisor: nullable(str('Who promised, for commitments', { enum: [...PARTIES] })),
    refId: nullable(str('The commitment, agreement or funding application (proof of use) the item is about')),
    hurts: str(metric('The metric it hurts when missed')),
    paused: {
      type: 'boolean',
      description:
        'The case waits for the initiative and this deadline stands still meanwhile: dueAt is when it would fall due if the wait ended now (docs/METRICS.md, "Waiting for the initiative")',
    },
  },
  'Something that falls due in a case (an open one; a proof of use also in a closed one)',
);

/** Component schemas, by name. */
export const RESPONSE_SCHEMAS: Record<string, Schema> = {
  CaseDocument: caseDocument,
  CasePage: fresh(
    object({
      items: { type: 'array', items: ref('CaseDocument') },
      nextCursor: nullable(str('Pass as cursor for the next page; null on the last')),
    }),
    'A page of cases',
  ),
  CaseFileCommitment: caseFileCommitment,
  CaseFileApplication: caseFileApplication,
  CaseAnswer: fresh(
    {
      ...caseDocument,
      description:
        'One case. For clerks also `file`, the commitments of the case file with their descriptions (personal data; the read is logged)',
      properties: {
        ...(caseDocument.properties as Record<string, Schema>),
        file: object(
          {
            commitments: { type: 'array', items: ref('CaseFileCommitment') },
            applications: { type: 'array', items: ref('CaseFileApplication') },
          },
          'Clerks only',
        ),
      },
    },
    'One case',
  ),
  CaseHistoryAnswer: caseHistoryAnswer,
  CaseMetrics: caseMetrics,
  CaseMetricsAnswer: fresh(ref('CaseMetrics'), 'Case metrics as of T'),
  Initiative: initiative,
  InitiativeAnswer: fresh(ref('Initiative'), 'One initiative'),
  InitiativeMetricsAnswer: fresh(initiativeMetrics, 'Initiative metrics as of T'),
  AggregateMetrics: reporting(
    object(
      { ...aggregateProperties, ...grantProcedureMetrics },
      metric(
        "Aggregate metrics of a set of cases as of T, with the grant-procedure metrics of the cases' applications",
      ),
    ),
  ),
  SummaryAnswer: fresh(ref('AggregateMetrics'), 'Aggregate metrics of the municipality'),
  TimeseriesPoint: reporting(
    object(
      {
        month: str('YYYY-MM'),
        ...aggregateProperties,
        ...grantProcedureMetrics,
        funds: {
          type: 'array',
          items: ref('FundPoint'),
          description: 'Every fund with an event by the end of the month',
        },
        units: {
          type: 'array',
          items: ref('UnitPoint'),
          description: 'Every unit (only unitId, when filtered): its staff time use in the month',
        },
        initiatives: {
          type: 'array',
          items: ref('InitiativePoint'),
          description:
            'Every initiative that reported active members by the end of the month (with a unit or category filter: those with a case in the cohort)',
        },
      },
      metric("The aggregate metrics as of the end of a month (its last millisecond in the tenant's time zone)"),
    ),
  ),
  TimeseriesAnswer: fresh({ type: 'array', items: ref('TimeseriesPoint') }, 'One point per month'),
  FundPoint: fundPoint,
  UnitPoint: unitPoint,
  InitiativePoint: initiativePoint,
  FundTimeseriesAnswer: fresh(monthly(fundPoint), 'One row per month and fund'),
  UnitTimeseriesAnswer: fresh(monthly(unitPoint), 'One row per month and unit'),
  InitiativeTimeseriesAnswer: fresh(monthly(initiativePoint), 'One row per month and initiative'),
  StaffTimeAnswer: fresh(staffTime, 'Staff time use of a unit in a period'),
  FundAnswer: fresh(fund, 'A fund and its decided applications as of T'),
  FundApplication: applicationStatement,
  FundStatementAnswer: fresh(fundStatementSchema, 'The fund statement as of T'),
  FundApplicationsAnswer: fresh(fundApplications, 'Applications of a fund as of T'),
  DirectoryAnswer: fresh(directory, "The municipality's units, initiatives, funds, categories and metric settings"),
  DevSignIn: devSignIn,
  WorklistItem: worklistItem,
  WorklistAnswer: fresh(
    reporting(
      object({
        items: { type: 'array', items: ref('WorklistItem'), description: 'A page of the items, oldest first' },
        total: int('How many items the question has in all pages'),
        nextCursor: nullable(str('Pass as cursor for the next page; null on the last')),
        asOf: instant('Now, rounded up to the minute: the moment the items are computed for'),
      }),
    ),
    'What falls due in the cases of the municipality (open ones; proofs of use also in closed ones)',
  ),
  RebuildState: rebuildState,
  ProjectionsStatus: object({ rebuild: ref('RebuildState'), processors: { type: 'array', items: processorStatus } }),
  Liveness: object({ status: str(undefined, { const: 'ok' }) }),
  Readiness: object({
    status: str(undefined, { const: 'ok' }),
    checks: object({ eventStore: str(undefined, { const: 'up' }) }),
    processors: { type: 'array', items: processorStatus },
  }),
};
