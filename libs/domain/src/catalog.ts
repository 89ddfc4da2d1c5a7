import { CASE_COMMAND_TYPES, CASE_EVENT_TYPES, CaseCommand, caseDecider, CaseEvent } from './case';
import {
  FUND_COMMAND_TYPES,
  FUND_EVENT_TYPES,
  FundCommand,
  fundDecider,
  FundEvent,
  INTERNAL_FUND_COMMAND_TYPES,
} from './fund';
import {
  INITIATIVE_COMMAND_TYPES,
  INITIATIVE_EVENT_TYPES,
  InitiativeCommand,
  initiativeDecider,
  InitiativeEvent,
} from './initiative';
import { AggregateCategory, Decider } from './shared';
import { UNIT_COMMAND_TYPES, UNIT_EVENT_TYPES, UnitCommand, unitDecider, UnitEvent } from './unit';

export type DomainCommand = InitiativeCommand | UnitCommand | FundCommand | CaseCommand;
export type DomainEvent = InitiativeEvent | UnitEvent | FundEvent | CaseEvent;
export type DomainCommandType = DomainCommand['type'];
export type DomainEventType = DomainEvent['type'];

/** Any of the four deciders, for code that dispatches on the command type at run time. */
export type AnyDecider = Decider<DomainCommand, DomainEvent, unknown>;

export const AGGREGATE_CATEGORIES = [
  'initiative',
  'unit',
  'fund',
  'case',
] as const satisfies readonly AggregateCategory[];

/**
 * Which other aggregates' events name a case, and in which data field: the audit's case timeline
 * shows them beside the case's own events (the store is asked for "events referencing an id").
 */
export const CASE_REFERENCES = { field: 'caseId', categories: ['fund'] } as const satisfies {
  field: string;
  categories: readonly AggregateCategory[];
};

/** The aggregate category of a stream id made by `streamIdFor`; undefined for any other id. */
export const categoryOf = (streamId: string): AggregateCategory | undefined => {
  const category = streamId.slice(0, streamId.indexOf('-'));
  return (AGGREGATE_CATEGORIES as readonly string[]).includes(category) ? (category as AggregateCategory) : undefined;
};

export const deciders = {
  initiative: initiativeDecider,
  unit: unitDecider,
  fund: fundDecider,
  case: caseDecider,
} as const;

const catalogOf = <T extends string>(category: AggregateCategory, types: readonly T[]) =>
  Object.fromEntries(types.map((type) => [type, category])) as Record<T, AggregateCategory>;

/** Every command type (44) mapped to the aggregate that decides it. */
export const commandCatalog: Readonly<Record<DomainCommandType, AggregateCategory>> = {
  ...catalogOf('initiative', INITIATIVE_COMMAND_TYPES),
  ...catalogOf('unit', UNIT_COMMAND_TYPES),
  ...catalogOf('fund', FUND_COMMAND_TYPES),
  ...catalogOf('case', CASE_COMMAND_TYPES),
};

/** Every event type mapped to the aggregate (stream category) that emits it. */
export const eventCatalog: Readonly<Record<DomainEventType, AggregateCategory>> = {
  ...catalogOf('initiative', INITIATIVE_EVENT_TYPES),
  ...catalogOf('unit', UNIT_EVENT_TYPES),
  ...catalogOf('fund', FUND_EVENT_TYPES),
  ...catalogOf('case', CASE_EVENT_TYPES),
};

export const DOMAIN_COMMAND_TYPES = Object.keys(commandCatalog) as readonly DomainCommandType[];
export const DOMAIN_EVENT_TYPES = Object.keys(eventCatalog) as readonly DomainEventType[];

/** Commands only Koproduktiv's own processes send (e.g. a process manager); they have no HTTP route. */
export const INTERNAL_COMMAND_TYPES = [...INTERNAL_FUND_COMMAND_TYPES] as const;
export type InternalCommandType = (typeof INTERNAL_COMMAND_TYPES)[number];
/** Commands a client may send (POST /v1/commands/{type}). */
export type PublicCommandType = Exclude<DomainCommandType, InternalCommandType>;
export const PUBLIC_COMMAND_TYPES = DOMAIN_COMMAND_TYPES.filter(
  (type): type is PublicCommandType => !(INTERNAL_COMMAND_TYPES as readonly string[]).includes(type),
);

export const isDomainCommandType = (type: string): type is DomainCommandType => Object.hasOwn(commandCatalog, type);
export const isDomainEventType = (type: string): type is DomainEventType => Object.hasOwn(eventCatalog, type);

/** The decider for a command type. */
export const deciderFor = (commandType: DomainCommandType): AnyDecider => deciders[commandCatalog[commandType]];

/** The schema version of every event type not named in EVENT_SCHEMA_VERSIONS. */
export const EVENT_SCHEMA_VERSION = 1;

/**
 * Event types whose data changed shape, with the version written now; older versions are upcast
 * when read (libs/personal-data/src/codec/upcasters.ts). GrantAwarded 2: `proofDueOn` (null when
 * upcast from 1, an award made before the grant procedure).
 */
export const EVENT_SCHEMA_VERSIONS: { readonly [T in DomainEventType]?: number } = { GrantAwarded: 2 };

/** The schema version events of this type are written with. */
export const schemaVersionOf = (type: string): number =>
  (Object.hasOwn(EVENT_SCHEMA_VERSIONS, type) ? EVENT_SCHEMA_VERSIONS[type as DomainEventType] : undefined) ??
  EVENT_SCHEMA_VERSION;

// Compile-time checks that the type lists name every member of their unions.
type Expect<T extends true> = T;
type ListsAll<Union extends string, List extends readonly string[]> = [Exclude<Union, List[number]>] extends [never]
  ? true
  : false;
export type _CatalogChecks = [
  Expect<ListsAll<InitiativeCommand['type'], typeof INITIATIVE_COMMAND_TYPES>>,
  Expect<ListsAll<InitiativeEvent['type'], typeof INITIATIVE_EVENT_TYPES>>,
  Expect<ListsAll<UnitCommand['type'], typeof UNIT_COMMAND_TYPES>>,
  Expect<ListsAll<UnitEvent['type'], typeof UNIT_EVENT_TYPES>>,
  Expect<ListsAll<FundCommand['type'], typeof FUND_COMMAND_TYPES>>,
  Expect<ListsAll<FundEvent['type'], typeof FUND_EVENT_TYPES>>,
  Expect<ListsAll<CaseCommand['type'], typeof CASE_COMMAND_TYPES>>,
  Expect<ListsAll<CaseEvent['type'], typeof CASE_EVENT_TYPES>>,
];
