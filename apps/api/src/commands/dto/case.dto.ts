/** Case commands: opening, collaboration, council and sponsors, trust feedback, closing. */
import { ApiSchema } from '@nestjs/swagger';
import {
  CASE_OUTCOMES,
  COUNCIL_RESOLUTION_OUTCOMES,
  CaseOutcome,
  CouncilResolutionOutcome,
  INTERACTION_KINDS,
  InteractionKind,
  PARTICIPATION_LEVELS,
  PARTIES,
  ParticipationLevel,
  Party,
  REQUEST_CHANNELS,
  REQUESTED_SUPPORT_KINDS,
  RequestChannel,
  RequestedSupportKind,
  SPONSOR_KINDS,
  SponsorKind,
  TRUST_SCORE_MAX,
  TRUST_SCORE_MIN,
} from '@koproduktiv/domain';
import { CommandDto, Id, Int, LIMITS, LocalDate, Nested, OneOf, StaffRef, SubsetOf, Text } from './shared.dto';

@ApiSchema({ description: 'Opens a case with a request (Anliegen) of an initiative. Once per caseId.' })
export class SubmitRequestDto extends CommandDto {
  @Id('Id of the new case, chosen by the caller (UUID v7 preferred) so that retries target the same stream.')
  caseId!: string;

  @Id('Id of the initiative making the request.')
  initiativeId!: string;

  @Text(LIMITS.title, 'Short title of the request (Anliegen).', {
    example: 'Zwischennutzung Ladenlokal Marktstraße 12',
  })
  title!: string;

  @Text(LIMITS.text, 'What the initiative asks the administration for.', { personalData: true })
  description!: string;

  @Text(LIMITS.label, 'Subject area of the request as classified by the administration.', { example: 'kultur' })
  category!: string;

  @OneOf(REQUEST_CHANNELS, 'How the request reached the administration.')
  channel!: RequestChannel;

  @SubsetOf(REQUESTED_SUPPORT_KINDS, 'Kinds of support asked for (each at most once).')
  requestedSupport!: RequestedSupportKind[];
}

@ApiSchema({ description: 'Records that the administration acknowledged the request (once per case).' })
export class AcknowledgeRequestDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of the unit acknowledging the request.')
  unitId!: string;

  @StaffRef('Staff member who acknowledged the request (opaque id from the administration).')
  staffRef!: string;

  @Text(LIMITS.text, 'Note sent with the acknowledgement.', { optional: true, personalData: true })
  note?: string;
}

@ApiSchema({
  description: 'Assigns the contact person (Ansprechpartner*in) of the case; must differ from the current one.',
})
export class AssignContactPersonDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @StaffRef('The new contact person (Ansprechpartner*in); must differ from the current one.')
  staffRef!: string;

  @Id('Id of the unit the contact person belongs to.')
  unitId!: string;

  @Text(LIMITS.text, 'Handover note from the previous contact person.', { optional: true, personalData: true })
  handoverNote?: string;
}

@ApiSchema({ description: 'Records a meeting, call, e-mail, site visit, event or workshop on the case.' })
export class RecordInteractionDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of this interaction, chosen by the caller.')
  interactionId!: string;

  @OneOf(INTERACTION_KINDS, 'Form of the interaction.')
  kind!: InteractionKind;

  @OneOf(PARTIES, 'Which side initiated the interaction.')
  initiatedBy!: Party;

  @OneOf(PARTICIPATION_LEVELS, 'Level on the IAP2 public participation spectrum.')
  participationLevel!: ParticipationLevel;

  @StaffRef('Staff member who took part.')
  staffRef!: string;

  @Id('Id of the staff member’s unit.')
  unitId!: string;

  @Int(0, LIMITS.minutes, 'Duration in minutes (0 for e.g. an e-mail).', { example: 90 })
  durationMinutes!: number;

  @Text(LIMITS.text, 'Summary of the interaction.', { personalData: true })
  summary!: string;
}

@ApiSchema({ description: 'Assigns a sponsor (Pate / Tandem) backing the case.' })
export class AssignSponsorDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Text(LIMITS.ref, 'Opaque reference to the sponsor (Pate/Tandem), not a name.', { example: 'rat-2024-017' })
  sponsorRef!: string;

  @OneOf(SPONSOR_KINDS, 'Kind of sponsor.')
  sponsorKind!: SponsorKind;
}

@ApiSchema({ description: 'Links a council resolution (Ratsbeschluss) to the case.' })
export class LinkCouncilResolutionDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Text(LIMITS.ref, 'Reference of the resolution in the council information system (Drucksache).', {
    example: 'DS 0142/2026',
  })
  resolutionRef!: string;

  @Text(LIMITS.label, 'Body that decided (council, committee, district council).', { example: 'Rat der Stadt' })
  body!: string;

  @LocalDate('Date of the decision.')
  decidedOn!: string;

  @OneOf(COUNCIL_RESOLUTION_OUTCOMES, 'Outcome of the resolution.')
  outcome!: CouncilResolutionOutcome;
}

/** OECD drivers of trust, each an integer score from 1 (very low) to 5 (very high). */
export class TrustScoresDto {
  @Int(TRUST_SCORE_MIN, TRUST_SCORE_MAX, 'Responsiveness: answers came in time and to the point.')
  responsiveness!: number;

  @Int(TRUST_SCORE_MIN, TRUST_SCORE_MAX, 'Reliability: promises were kept.')
  reliability!: number;

  @Int(TRUST_SCORE_MIN, TRUST_SCORE_MAX, 'Integrity: the other side acted honestly and in the common interest.')
  integrity!: number;

  @Int(TRUST_SCORE_MIN, TRUST_SCORE_MAX, 'Openness: information was shared and the respondent was heard.')
  openness!: number;

  @Int(TRUST_SCORE_MIN, TRUST_SCORE_MAX, 'Fairness: the respondent was treated fairly and equally.')
  fairness!: number;
}

@ApiSchema({ description: 'Records trust feedback from either side (also accepted on a closed case).' })
export class RecordTrustFeedbackDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @OneOf(PARTIES, 'Which side gives the feedback.')
  respondent!: Party;

  @Nested(TrustScoresDto, 'Scores 1..5 for each OECD trust driver.')
  scores!: TrustScoresDto;

  @Text(LIMITS.text, 'Free-text comment.', { optional: true, personalData: true })
  comment?: string;
}

@ApiSchema({ description: 'Closes the case from any stage; a rationale is required when the outcome is declined.' })
export class CloseCaseDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @OneOf(CASE_OUTCOMES, 'How the case ended.')
  outcome!: CaseOutcome;

  @Text(LIMITS.text, 'Reasons for closing; required when the outcome is `declined`.', {
    optional: true,
    personalData: true,
  })
  rationale?: string;
}

@ApiSchema({ description: 'Reopens a closed case; it returns to the stage it was closed in.' })
export class ReopenCaseDto extends CommandDto {
  @Id('Id of the closed case.')
  caseId!: string;

  @Text(LIMITS.text, 'Why the case is reopened.', { personalData: true })
  reason!: string;
}

@ApiSchema({
  description:
    "Records that the administration waits for the initiative (documents, a decision of its members, a founding). While the case waits, the administration's open deadlines (the response target of an unanswered request, its own promises) and the dormancy clock pause; the initiative's promises and interim-use dates do not (docs/METRICS.md). Without ResumeCase the wait ends after `until`. One wait at a time: 409 CASE.ALREADY_WAITING while one is on record.",
})
export class AwaitInitiativeDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Text(LIMITS.text, 'What the administration waits for.', {
    personalData: true,
    example: 'Die Initiative reicht die in der Mitgliederversammlung beschlossene Satzung nach.',
  })
  reason!: string;

  @LocalDate(
    'Last day of the wait (municipality time zone). Without ResumeCase, the paused clocks run again after it. Omitted: until ResumeCase.',
    { optional: true, example: '2026-04-30' },
  )
  until?: string;
}

@ApiSchema({
  description:
    'Ends the wait for the initiative: the paused clocks run again. 409 CASE.NOT_WAITING if the case does not wait (a wait whose `until` has passed is still on record until this command).',
})
export class ResumeCaseDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;
}

@ApiSchema({
  description:
    "Shreds the case's narratives — every free-text field its events hold (description, notes, summaries, reasons, rationales, conditions …) — by destroying their key (crypto-shredding; DSGVO Art. 17). Role admin; closed cases too. Facts of official acts (decisions, amounts, dates, stages, references) stay readable. Shredding again appends nothing.",
})
export class ShredCaseNarrativesDto extends CommandDto {
  @Id('Id of the case whose narratives are shredded.')
  caseId!: string;

  @Text(
    LIMITS.text,
    'Why the narratives are shredded (e.g. the erasure request\'s reference, or "retention"). Kept readable: it must not contain personal data.',
  )
  reason!: string;
}
