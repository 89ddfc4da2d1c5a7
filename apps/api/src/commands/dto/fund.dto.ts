import { ApiSchema } from '@nestjs/swagger';
import { PROOF_OF_USE_OUTCOMES } from '@koproduktiv/domain';
import { Cents, CommandDto, DocumentRef, Hours, Id, Int, LIMITS, LocalDate, OneOf, Text } from './shared.dto';

@ApiSchema({ description: 'Opens a fund (Mit-mach-Fonds) initiatives can apply to. Once per fundId.' })
export class OpenFundDto extends CommandDto {
  @Id('Id of the new fund, chosen by the caller (UUID v7 preferred).')
  fundId!: string;

  @Text(LIMITS.name, 'Name of the fund.', { example: 'Mit-mach-Fonds 2026' })
  name!: string;

  @Int(LIMITS.yearMin, LIMITS.yearMax, 'Budget year of the fund.', { example: 2026 })
  year!: number;

  @Cents('Initial budget of the fund; may be 0 and raised later with IncreaseFundBudget.', {
    min: 0,
    example: 5_000_000,
  })
  budgetCents!: number;
}

@ApiSchema({ description: 'Adds to the budget of a fund.' })
export class IncreaseFundBudgetDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Cents('Amount added to the budget.', { example: 1_000_000 })
  amountCents!: number;

  @Text(LIMITS.text, 'Why the budget is increased (e.g. council resolution, donation).')
  reason!: string;
}

@ApiSchema({
  description:
    'The fund takes no further applications (Antragsschluss); the procedure of the applications it received goes on.',
})
export class CloseFundDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;
}

@ApiSchema({
  description:
    "Awards a grant on an application the fund received and has not decided: at most the amount requested and what is left of the budget. At or above the municipality's four-eyes threshold (default 5 000 €) it is only proposed (GrantAwardProposed, the amount reserved) until another person confirms it with ConfirmGrantAward.",
})
export class AwardGrantDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the funding application being decided (from ApplyForFunding).')
  applicationId!: string;

  @Id('Id of the case the application belongs to; taken from the application when left out, refused when different.', {
    optional: true,
  })
  caseId?: string;

  @Cents('Amount awarded; at most the amount requested and the remaining budget of the fund.', { example: 250_000 })
  amountCents!: number;

  @LocalDate('Date by which the proof of use (Verwendungsnachweis) is due; not before the funded period ends.', {
    example: '2026-12-31',
  })
  proofDueOn!: string;

  @LocalDate('First day of the funded period.', { optional: true, example: '2026-04-01' })
  fundedFrom?: string;

  @LocalDate('Last day of the funded period; not before fundedFrom.', { optional: true, example: '2026-09-30' })
  fundedUntil?: string;

  @Text(LIMITS.text, 'Reasons for the award.', { optional: true, personalData: true })
  rationale?: string;
}

@ApiSchema({
  description: 'Awards a proposed grant (four eyes): by another person (token subject) than the one who proposed it.',
})
export class ConfirmGrantAwardDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the application whose proposed award is confirmed.')
  applicationId!: string;
}

@ApiSchema({
  description:
    'Withdraws a proposed award; its reservation goes back to the budget and the application is undecided again.',
})
export class WithdrawGrantProposalDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the application whose proposed award is withdrawn.')
  applicationId!: string;

  @Text(LIMITS.text, 'Why the proposal is withdrawn.', { optional: true, personalData: true })
  reason?: string;
}

@ApiSchema({ description: 'Rejects an application the fund received and has not decided, giving a rationale.' })
export class RejectApplicationDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the funding application being rejected.')
  applicationId!: string;

  @Id('Id of the case the application belongs to; taken from the application when left out, refused when different.', {
    optional: true,
  })
  caseId?: string;

  @Text(LIMITS.text, 'Reasons for the rejection (required).', { personalData: true })
  rationale!: string;
}

@ApiSchema({ description: 'Pays out (part of) an awarded grant; all disbursements together may not exceed the award.' })
export class DisburseGrantDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the awarded application.')
  applicationId!: string;

  @Cents('Amount paid out; all disbursements together may not exceed the award.', { example: 125_000 })
  amountCents!: number;
}

@ApiSchema({
  description:
    'Records the proof of use (Verwendungsnachweis) of an awarded grant: what was spent and where the report lies. A new proof only after the last one was rejected.',
})
export class SubmitProofOfUseDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the awarded application.')
  applicationId!: string;

  @Cents('Money spent on the funded purpose, as the proof states.', { min: 0, example: 240_000 })
  spentCents!: number;

  @DocumentRef(
    "Reference of the report in the municipality's document system (no document is stored here, and it is not free text).",
    { example: 'DMS-2026-000123' },
  )
  reportRef!: string;

  @Hours('Volunteer hours the initiative contributed, as the proof states.', { optional: true, example: 320 })
  volunteerHours?: number;
}

@ApiSchema({
  description:
    'Reviews the submitted proof of use. acceptedCents is at most what was spent and awarded; the outcome must fit it: accepted covers all that was paid out, partially_accepted some of it, rejected none.',
})
export class ReviewProofOfUseDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the awarded application.')
  applicationId!: string;

  @OneOf(PROOF_OF_USE_OUTCOMES, 'Result of the review.')
  outcome!: (typeof PROOF_OF_USE_OUTCOMES)[number];

  @Cents('Money the review accepts as used for the funded purpose.', { min: 0, example: 200_000 })
  acceptedCents!: number;

  @Text(LIMITS.text, 'Reasons for the outcome.', { personalData: true })
  rationale!: string;
}

@ApiSchema({
  description:
    'Reclaims (Widerruf und Rückforderung) money paid out: at most what was disbursed and neither accepted by a review nor reclaimed already.',
})
export class ReclaimGrantDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the awarded application.')
  applicationId!: string;

  @Cents('Amount reclaimed.', { example: 40_000 })
  amountCents!: number;

  @Text(LIMITS.text, 'Why the money is reclaimed.', { personalData: true })
  reason!: string;
}

@ApiSchema({ description: 'Records a repayment of reclaimed money; at most what is reclaimed and not repaid yet.' })
export class RecordRepaymentDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the awarded application.')
  applicationId!: string;

  @Cents('Amount repaid.', { example: 40_000 })
  amountCents!: number;
}

@ApiSchema({
  description:
    'Closes an awarded application: money paid out needs a reviewed proof of use, reclaimed money must be repaid; what was awarded and never paid out goes back to the budget.',
})
export class SettleApplicationDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the awarded application.')
  applicationId!: string;
}
