/**
 * Building blocks of the command DTOs: bounds, validators and field decorators.
 *
 * Each field decorator below applies the class-validator rules AND the matching `@ApiProperty`
 * from the same numbers, so that what the OpenAPI document promises is exactly what the
 * validation pipe enforces (no swagger CLI plugin runs). Bodies are validated with
 * `whitelist: true, forbidNonWhitelisted: true` and WITHOUT implicit type conversion.
 *
 * Optional fields may be omitted; `null` is rejected (it would otherwise reach the domain as a
 * value). Strings must contain a non-whitespace character wherever they are given.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsLowercase,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
  buildMessage,
} from 'class-validator';
import {
  isSupportedDate,
  isSupportedInstant,
  isSupportedMonth,
  isSupportedPeriod,
  SUPPORTED_YEARS,
  SUPPORTED_YEARS_TEXT,
} from '@koproduktiv/domain';
import { isStorableText } from '@koproduktiv/platform';

// ---------------------------------------------------------------------------------------------
// Bounds
// ---------------------------------------------------------------------------------------------

/** Upper bounds for strings (UTF-16 code units), arrays and numbers accepted at the HTTP edge. */
export const LIMITS = {
  /** Names of initiatives, units, funds, persons. */
  name: 200,
  /** Titles of requests. */
  title: 300,
  /** Free text: description, summary, purpose, rationale, reason, note, comment, activity. */
  text: 4000,
  /** Opaque references into other systems (staffRef, propertyRef, resolutionRef, budgetLine, …). */
  ref: 128,
  /** Short classifying strings (category, district, council body). */
  label: 200,
  /** One condition of an interim-use agreement. */
  condition: 1000,
  /** Items of any array. */
  items: 20,
  /** Euro cents: 10^12 cents = 10 billion euros, far inside Number.MAX_SAFE_INTEGER. */
  cents: 1_000_000_000_000,
  /** E-mail address (RFC 5321 path limit). */
  email: 254,
  /** Phone number as typed by people. */
  phone: 50,
  /** Hours in one staff-time entry or one budget period. */
  hours: 10_000,
  /** Minutes of one interaction (one day). */
  minutes: 1440,
  activeMembers: 1_000_000,
  yearMin: 2000,
  yearMax: 2100,
} as const;

/** `YYYY-MM` (month 01..12) or `YYYY-Qn` (quarter 1..4). */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;
/** Opaque staff id from the administration's own systems (e.g. an LDAP uid or `ou=…/uid`). */
export const STAFF_REF_PATTERN = /^[A-Za-z0-9._:@/-]{1,128}$/;
/** Appended to the OpenAPI description of every date field. */
const DATE_RANGE_NOTE = `A real calendar date ${SUPPORTED_YEARS_TEXT}.`;
const PERIOD_RANGE_NOTE = `Years ${SUPPORTED_YEARS.first} to ${SUPPORTED_YEARS.last}.`;
/** A reference into a document system (e.g. `DMS-2026-000123`, `urn:dms:4711`): no spaces, so no prose. */
export const DOCUMENT_REF_PATTERN = /^[A-Za-z0-9._:@/#-]{1,128}$/;
/** A phone number: digits, spaces and + ( ) / . - only. */
export const PHONE_PATTERN = /^\+?[0-9 ()/.-]{3,50}$/;
/** UUID versions accepted for ids (the nil and max UUIDs are not ids). */
const UUID_VERSIONS = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;

// ---------------------------------------------------------------------------------------------
// Validators (plain class-validator decorators, usable on their own)
// ---------------------------------------------------------------------------------------------

/** A validator that accepts strings passing `test`, with the message `$property <must>`. */
const stringRule = (
  name: string,
  test: (value: string) => boolean,
  must: string,
  validationOptions?: ValidationOptions,
): PropertyDecorator =>
  ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && test(value),
        defaultMessage: buildMessage((each) => `${each}$property ${must}`, validationOptions),
      },
    },
    validationOptions,
  );

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is rejected), in the supported years. */
export function IsLocalDate(validationOptions?: ValidationOptions): PropertyDecorator {
  return stringRule(
    'isLocalDate',
    isSupportedDate,
    `must be a calendar date YYYY-MM-DD ${SUPPORTED_YEARS_TEXT}`,
    validationOptions,
  );
}

/** A month `YYYY-MM` in the supported years. */
export function IsMonth(validationOptions?: ValidationOptions): PropertyDecorator {
  return stringRule('isMonth', isSupportedMonth, `must be a month YYYY-MM ${SUPPORTED_YEARS_TEXT}`, validationOptions);
}

/** A staff-time budget period `YYYY-MM` or `YYYY-Qn` in the supported years. */
export function IsPeriod(validationOptions?: ValidationOptions): PropertyDecorator {
  return stringRule(
    'isPeriod',
    isSupportedPeriod,
    `must be a month YYYY-MM or a quarter YYYY-Qn ${SUPPORTED_YEARS_TEXT}`,
    validationOptions,
  );
}

/**
 * An RFC 3339 date-time with offset or `Z` naming a real instant, its date in the supported years.
 * `secondsOptional` also takes `2026-03-02T09:30+01:00` (query parameters typed by hand).
 */
export function IsOffsetDateTime(
  { secondsOptional = false } = {},
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return stringRule(
    'isOffsetDateTime',
    (value) => isSupportedInstant(value, { secondsOptional }),
    `must be an ISO 8601 date-time with offset ${SUPPORTED_YEARS_TEXT}, e.g. 2026-03-02T09:30:00+01:00`,
    validationOptions,
  );
}

/** `IsOffsetDateTime({ secondsOptional: true })` or `IsLocalDate()`: what the query parameter `asOf` takes. */
export function IsInstantOrDate(validationOptions?: ValidationOptions): PropertyDecorator {
  return stringRule(
    'isInstantOrDate',
    (value) => isSupportedDate(value) || isSupportedInstant(value, { secondsOptional: true }),
    `must be an ISO 8601 date-time with offset or a date YYYY-MM-DD, ${SUPPORTED_YEARS_TEXT}`,
    validationOptions,
  );
}

/** An opaque staff id: 1..128 characters of `[A-Za-z0-9._:@/-]`. */
export function IsStaffRef(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStaffRef',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && STAFF_REF_PATTERN.test(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ / -`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/** A string containing at least one non-whitespace character. */
export function IsNotBlank(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0,
        defaultMessage: buildMessage((each) => `${each}$property must not be empty or blank`, validationOptions),
      },
    },
    validationOptions,
  );
}

/** A string without NUL characters or unpaired surrogates. */
export function IsStorableText(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStorableText',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isStorableText(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must not contain NUL characters or unpaired surrogates`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/**
 * A finite number with at most two decimal places. (class-validator's `maxDecimalPlaces` throws
 * on numbers that print in exponent form such as 1e-7, so it is not used.)
 */
export function HasAtMostTwoDecimals(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasAtMostTwoDecimals',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && Math.round(value * 100) / 100 === value,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a number with at most two decimal places`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/** The field may be omitted; when present (including `null`) it is validated. */
export const IsOptionalButNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

// ---------------------------------------------------------------------------------------------
// Field decorators: validation + OpenAPI from one description
// ---------------------------------------------------------------------------------------------

export interface FieldOptions {
  /** The field may be omitted (never `null`). Default: required. */
  optional?: boolean;
  /** An example value for the OpenAPI document. */
  example?: unknown;
  /** Free text that is personal data (the domain's PERSONAL_DATA): said in the description and marked `x-personal-data`. */
  personalData?: boolean;
}

const NARRATIVE_NOTE =
  " Personal data: stored encrypted under the case's key (for a dissolution reason, the initiative's), erased by crypto-shredding, never shown to analysts nor published.";

/** Applies several property decorators in order. */
const compose =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, propertyKey) => {
    for (const decorator of decorators) decorator(target, propertyKey);
  };

type PropertySchema = Parameters<typeof ApiProperty>[0] & object;

/** `@ApiProperty`/`@ApiPropertyOptional` plus the optional/required validation switch. */
const field = (schema: PropertySchema, options: FieldOptions, ...validators: PropertyDecorator[]): PropertyDecorator =>
  compose(
    ...(options.optional ? [IsOptionalButNotNull()] : []),
    ...validators,
    (options.optional ? ApiPropertyOptional : ApiProperty)({
      ...schema,
      ...(options.personalData
        ? { description: `${schema.description ?? ''}${NARRATIVE_NOTE}`, 'x-personal-data': true }
        : {}),
      ...(options.example === undefined ? {} : { example: options.example }),
    } as PropertySchema),
  );

/** A non-blank string of at most `max` characters that PostgreSQL can store. */
export const Text = (max: number, description: string, options: FieldOptions = {}): PropertyDecorator =>
  field(
    { type: 'string', minLength: 1, maxLength: max, description },
    options,
    IsString(),
    IsNotBlank(),
    MaxLength(max),
    IsStorableText(),
  );

/** A UUID (versions 1-8, lowercase canonical form) naming an aggregate or an entity in one. */
export const Id = (description: string, options: FieldOptions = {}): PropertyDecorator =>
  field(
    { type: 'string', format: 'uuid', description },
    options,
    IsUUID([...UUID_VERSIONS]),
    IsLowercase({ message: '$property must be written in lowercase' }),
  );

/** An opaque staff id from the administration's identity system. */
export const StaffRef = (description: string, options: FieldOptions = {}): PropertyDecorator =>
  field(
    { type: 'string', minLength: 1, maxLength: LIMITS.ref, pattern: STAFF_REF_PATTERN.source, description },
    options,
    IsStaffRef(),
  );

/** A reference into the municipality's document system; no spaces, so it names a document, never describes one. */
export const DocumentRef = (description: string, options: FieldOptions = {}): PropertyDecorator =>
  field(
    { type: 'string', minLength: 1, maxLength: LIMITS.ref, pattern: DOCUMENT_REF_PATTERN.source, description },
    options,
    IsString(),
    Matches(DOCUMENT_REF_PATTERN, { message: '$property must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ / # -' }),
  );

/**
 * One value of a domain enumeration. The values are inlined in each property's schema: a named
 * enum schema (`enumName`) would take the description of the first property using it.
 */
export const OneOf = (values: readonly string[], description: string, options: FieldOptions = {}): PropertyDecorator =>
  field({ type: 'string', enum: [...values], description }, options, IsIn([...values]));

/** A subset of a domain enumeration, without repetitions. */
export const SubsetOf = (
  values: readonly string[],
  description: string,
  options: FieldOptions = {},
): PropertyDecorator =>
  field(
    { type: 'string', isArray: true, enum: [...values], maxItems: LIMITS.items, uniqueItems: true, description },
    options,
    IsArray(),
    ArrayMaxSize(LIMITS.items),
    ArrayUnique(),
    IsIn([...values], { each: true }),
  );

/** A list of non-blank strings, each at most `max` characters. */
export const TextList = (max: number, description: string, options: FieldOptions = {}): PropertyDecorator =>
  field(
    { type: 'string', isArray: true, minLength: 1, maxLength: max, maxItems: LIMITS.items, description },
    options,
    IsArray(),
    ArrayMaxSize(LIMITS.items),
    IsString({ each: true }),
    IsNotBlank({ each: true }),
    MaxLength(max, { each: true }),
    IsStorableText({ each: true }),
  );

/** An integer in `[min, max]`. */
export const Int = (
  min: number,
  max: number,
  description: string,
  options: FieldOptions & { format?: 'int32' | 'int64' } = {},
): PropertyDecorator =>
  field(
    { type: 'integer', format: options.format ?? 'int32', minimum: min, maximum: max, description },
    options,
    IsInt(),
    Min(min),
    Max(max),
  );

/** An amount of euro cents: an integer from 1 (or `min`) to 10^12. */
export const Cents = (description: string, options: FieldOptions & { min?: 0 | 1 } = {}): PropertyDecorator => {
  const min = options.min ?? 1;
  return Int(min, LIMITS.cents, `${description} In euro cents (integer, ${min === 0 ? '>= 0' : '> 0'}).`, {
    ...options,
    format: 'int64',
  });
};

/**
 * Hours with at most two decimals, up to 10000. `exclusiveMin` makes zero invalid
 * (the smallest accepted value is then 0.01).
 */
export const Hours = (
  description: string,
  options: FieldOptions & { exclusiveMin?: boolean } = {},
): PropertyDecorator =>
  field(
    {
      type: 'number',
      format: 'double',
      minimum: 0,
      ...(options.exclusiveMin ? { exclusiveMinimum: true } : {}),
      maximum: LIMITS.hours,
      description: `${description} At most two decimal places.`,
    },
    options,
    HasAtMostTwoDecimals(),
    Min(options.exclusiveMin ? 0.01 : 0),
    Max(LIMITS.hours),
  );

export const Bool = (description: string, options: FieldOptions = {}): PropertyDecorator =>
  field({ type: 'boolean', description }, options, IsBoolean());

/** A calendar date `YYYY-MM-DD`. */
export const LocalDate = (description: string, options: FieldOptions = {}): PropertyDecorator =>
  field({ type: 'string', format: 'date', description: `${description} ${DATE_RANGE_NOTE}` }, options, IsLocalDate());

/** A staff-time budget period: `YYYY-MM` or `YYYY-Qn`. */
export const Period = (description: string, options: FieldOptions = {}): PropertyDecorator =>
  field(
    { type: 'string', pattern: PERIOD_PATTERN.source, description: `${description} ${PERIOD_RANGE_NOTE}` },
    options,
    IsPeriod(),
  );

/** An e-mail address. */
export const Email = (description: string, options: FieldOptions = {}): PropertyDecorator =>
  field(
    { type: 'string', format: 'email', maxLength: LIMITS.email, description },
    options,
    IsString(),
    MaxLength(LIMITS.email),
    IsEmail(),
  );

/** A phone number as people write it (+49 221 123456, (0221) 12 34-56). */
export const Phone = (description: string, options: FieldOptions = {}): PropertyDecorator =>
  field(
    { type: 'string', minLength: 3, maxLength: LIMITS.phone, pattern: PHONE_PATTERN.source, description },
    options,
    IsString(),
    Matches(PHONE_PATTERN, { message: '$property must be a phone number (digits, spaces, + ( ) / . -)' }),
  );

/** OpenAPI vendor extension; `@nestjs/swagger` copies unknown keys of `@ApiProperty` into the schema. */
const personalDataExtension: Record<'x-personal-data', true> = { 'x-personal-data': true };

/**
 * A nested object validated against `type` (unknown fields inside are rejected too).
 * `personalData` marks it in the OpenAPI document with `x-personal-data: true`.
 */
export const Nested = (type: new () => object, description: string, options: FieldOptions = {}): PropertyDecorator =>
  compose(
    field(
      {
        type: () => type,
        description,
        ...(options.personalData ? personalDataExtension : {}),
      },
      // The description of a nested personal object says itself whose data it is.
      { ...options, personalData: false },
      IsObject(),
      ValidateNested(),
    ),
    Type(() => type),
  );

// ---------------------------------------------------------------------------------------------
// Base class
// ---------------------------------------------------------------------------------------------

/** Fields every command body may carry besides its own. */
export abstract class CommandDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    description: `Business time of the recorded fact, ISO 8601 with offset or Z, its date ${SUPPORTED_YEARS_TEXT} (defaults to now; at most 5 minutes in the future).`,
    example: '2026-03-02T09:30:00+01:00',
  })
  @IsOptionalButNotNull()
  @IsOffsetDateTime()
  occurredAt?: string;
}
