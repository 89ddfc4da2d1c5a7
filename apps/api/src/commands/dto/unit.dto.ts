import { ApiSchema } from '@nestjs/swagger';
import { Bool, CommandDto, Hours, Id, LIMITS, Period, Text } from './shared.dto';

@ApiSchema({ description: 'Registers an organisational unit of the administration. Once per unitId.' })
export class RegisterUnitDto extends CommandDto {
  @Id('Id of the new organisational unit, chosen by the caller (UUID v7 preferred).')
  unitId!: string;

  @Text(LIMITS.name, 'Name of the unit (Fachamt, Stabsstelle, …).', { example: 'Amt für Stadtentwicklung' })
  name!: string;

  @Bool('Whether the unit is a contact point (Anlaufstelle / Koordinierungsstelle) for initiatives.')
  isContactPoint!: boolean;
}

@ApiSchema({
  description:
    'Sets the staff hours (Zeitbudget) a unit sets aside for supporting initiatives in a period; a later value for the same period replaces the earlier one.',
})
export class SetStaffTimeBudgetDto extends CommandDto {
  @Id('Id of the unit.')
  unitId!: string;

  @Period('Budget period: a month YYYY-MM or a quarter YYYY-Qn.', { example: '2026-Q2' })
  period!: string;

  @Hours('Staff hours the unit sets aside for supporting initiatives in this period; replaces an earlier value.', {
    example: 120,
  })
  hours!: number;
}
