/** Case commands: commitments (Zusagen), support, funding applications, staff time, Verstetigung. */
import { ApiSchema } from '@nestjs/swagger';
import {
  INSTITUTIONALISATION_FORMS,
  InstitutionalisationForm,
  PARTIES,
  Party,
  SUPPORT_KINDS,
  SupportKind,
} from '@koproduktiv/domain';
import { Cents, CommandDto, Hours, Id, LIMITS, LocalDate, OneOf, StaffRef, Text } from './shared.dto';

@ApiSchema({ description: 'Records a dated promise (Zusage) by either side.' })
export class MakeCommitmentDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of the new commitment, chosen by the caller.')
  commitmentId!: string;

  @OneOf(PARTIES, 'Which side makes the promise.')
  promisor!: Party;

  @Text(LIMITS.text, 'What is promised.', { personalData: true })
  description!: string;

  @LocalDate('Date by which the promise is to be kept.', { example: '2026-04-30' })
  dueOn!: string;
}

@ApiSchema({ description: 'Records that an open commitment was kept.' })
export class FulfilCommitmentDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of the open commitment that was kept.')
  commitmentId!: string;
}

@ApiSchema({ description: 'Moves the due date of an open commitment.' })
export class RenegotiateCommitmentDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of the open commitment.')
  commitmentId!: string;

  @LocalDate('New due date agreed by both sides.')
  newDueOn!: string;

  @Text(LIMITS.text, 'Why the due date changes.', { personalData: true })
  reason!: string;
}

@ApiSchema({ description: 'Withdraws an open commitment.' })
export class WithdrawCommitmentDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of the open commitment.')
  commitmentId!: string;

  @Text(LIMITS.text, 'Why the promise is withdrawn.', { personalData: true })
  reason!: string;
}

@ApiSchema({
  description:
    'Records an application to a fund for an open case; the fund decides with AwardGrant or RejectApplication.',
})
export class ApplyForFundingDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of the new funding application, chosen by the caller; the fund decides on it by this id.')
  applicationId!: string;

  @Id('Id of the fund applied to.')
  fundId!: string;

  @Cents('Amount requested.', { example: 250_000 })
  amountRequestedCents!: number;

  @Text(LIMITS.text, 'What the money is for.', { personalData: true })
  purpose!: string;
}

@ApiSchema({ description: 'Agrees non-monetary support; moves the case from stage request to support.' })
export class AgreeSupportDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of the new support agreement, chosen by the caller.')
  supportId!: string;

  @OneOf(SUPPORT_KINDS, 'Kind of non-monetary support.')
  kind!: SupportKind;

  @Text(LIMITS.text, 'What support is agreed.', { personalData: true })
  description!: string;
}

@ApiSchema({ description: 'Logs staff time spent on the case.' })
export class LogStaffTimeDto extends CommandDto {
  @Id('Id of the case.')
  caseId!: string;

  @Id('Id of the unit whose staff time budget is charged.')
  unitId!: string;

  @StaffRef('Staff member who spent the time.')
  staffRef!: string;

  @Hours('Hours spent on the case (> 0).', { exclusiveMin: true, example: 2.5 })
  hours!: number;

  @Text(LIMITS.text, 'What the time was spent on.', { personalData: true })
  activity!: string;
}

@ApiSchema({
  description: 'Makes the result of the case permanent (Verstetigung); only from stage support or interim_use.',
})
export class InstitutionaliseCaseDto extends CommandDto {
  @Id('Id of the case (in stage support or interim_use).')
  caseId!: string;

  @OneOf(INSTITUTIONALISATION_FORMS, 'How the result is made permanent (Verstetigung).')
  form!: InstitutionalisationForm;

  @LocalDate('Date from which the permanent arrangement applies.')
  effectiveFrom!: string;

  @Text(LIMITS.ref, 'Budget line (Haushaltsstelle / Produkt) that funds it from now on.', {
    optional: true,
    example: '36.20.01.531800',
  })
  budgetLine?: string;
}
