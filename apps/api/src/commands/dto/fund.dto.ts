import { ApiSchema } from '@nestjs/swagger';
import { Cents, CommandDto, Id, Int, LIMITS, Text } from './shared.dto';

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
    'Awards a grant on an undecided application; the amount may not exceed the remaining budget (budget minus awarded).',
})
export class AwardGrantDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the funding application being decided (from ApplyForFunding).')
  applicationId!: string;

  @Id('Id of the case the application belongs to.')
  caseId!: string;

  @Cents('Amount awarded; at most the remaining budget of the fund.', { example: 250_000 })
  amountCents!: number;

  @Text(LIMITS.text, 'Reasons for the award.', { optional: true, personalData: true })
  rationale?: string;
}

@ApiSchema({ description: 'Rejects an undecided application, giving a rationale.' })
export class RejectApplicationDto extends CommandDto {
  @Id('Id of the fund.')
  fundId!: string;

  @Id('Id of the funding application being rejected.')
  applicationId!: string;

  @Id('Id of the case the application belongs to.')
  caseId!: string;

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
