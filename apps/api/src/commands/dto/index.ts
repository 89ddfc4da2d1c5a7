import type { DomainCommand, PublicCommandType } from '@koproduktiv/domain';
import { AgreeInterimUseDto, EndInterimUseDto, ExtendInterimUseDto } from './case-interim-use.dto';
import {
  AgreeSupportDto,
  ApplyForFundingDto,
  FulfilCommitmentDto,
  InstitutionaliseCaseDto,
  LogStaffTimeDto,
  MakeCommitmentDto,
  RenegotiateCommitmentDto,
  WithdrawCommitmentDto,
} from './case-progress.dto';
import {
  AcknowledgeRequestDto,
  AssignContactPersonDto,
  AssignSponsorDto,
  AwaitInitiativeDto,
  CloseCaseDto,
  LinkCouncilResolutionDto,
  RecordInteractionDto,
  RecordTrustFeedbackDto,
  ReopenCaseDto,
  ResumeCaseDto,
  ShredCaseNarrativesDto,
  SubmitRequestDto,
} from './case.dto';
import {
  AwardGrantDto,
  CloseFundDto,
  ConfirmGrantAwardDto,
  DisburseGrantDto,
  IncreaseFundBudgetDto,
  OpenFundDto,
  RecordRepaymentDto,
  ReclaimGrantDto,
  RejectApplicationDto,
  ReviewProofOfUseDto,
  SettleApplicationDto,
  SubmitProofOfUseDto,
  WithdrawGrantProposalDto,
} from './fund.dto';
import {
  DissolveInitiativeDto,
  EraseInitiativeContactDto,
  RegisterInitiativeDto,
  ReportActiveMembersDto,
  UpdateInitiativeProfileDto,
} from './initiative.dto';
import { RegisterUnitDto, SetStaffTimeBudgetDto } from './unit.dto';

export * from './shared.dto';
export * from './initiative.dto';
export * from './unit.dto';
export * from './fund.dto';
export * from './case.dto';
export * from './case-progress.dto';
export * from './case-interim-use.dto';

/** The body class of `POST /v1/commands/{CommandType}`, for every command type a client may send. */
export const commandDtos = {
  RegisterInitiative: RegisterInitiativeDto,
  UpdateInitiativeProfile: UpdateInitiativeProfileDto,
  ReportActiveMembers: ReportActiveMembersDto,
  DissolveInitiative: DissolveInitiativeDto,
  EraseInitiativeContact: EraseInitiativeContactDto,
  RegisterUnit: RegisterUnitDto,
  SetStaffTimeBudget: SetStaffTimeBudgetDto,
  OpenFund: OpenFundDto,
  IncreaseFundBudget: IncreaseFundBudgetDto,
  CloseFund: CloseFundDto,
  AwardGrant: AwardGrantDto,
  ConfirmGrantAward: ConfirmGrantAwardDto,
  WithdrawGrantProposal: WithdrawGrantProposalDto,
  RejectApplication: RejectApplicationDto,
  DisburseGrant: DisburseGrantDto,
  SubmitProofOfUse: SubmitProofOfUseDto,
  ReviewProofOfUse: ReviewProofOfUseDto,
  ReclaimGrant: ReclaimGrantDto,
  RecordRepayment: RecordRepaymentDto,
  SettleApplication: SettleApplicationDto,
  SubmitRequest: SubmitRequestDto,
  AcknowledgeRequest: AcknowledgeRequestDto,
  AssignContactPerson: AssignContactPersonDto,
  RecordInteraction: RecordInteractionDto,
  MakeCommitment: MakeCommitmentDto,
  FulfilCommitment: FulfilCommitmentDto,
  RenegotiateCommitment: RenegotiateCommitmentDto,
  WithdrawCommitment: WithdrawCommitmentDto,
  ApplyForFunding: ApplyForFundingDto,
  AgreeSupport: AgreeSupportDto,
  LogStaffTime: LogStaffTimeDto,
  AgreeInterimUse: AgreeInterimUseDto,
  ExtendInterimUse: ExtendInterimUseDto,
  EndInterimUse: EndInterimUseDto,
  AssignSponsor: AssignSponsorDto,
  LinkCouncilResolution: LinkCouncilResolutionDto,
  InstitutionaliseCase: InstitutionaliseCaseDto,
  RecordTrustFeedback: RecordTrustFeedbackDto,
  CloseCase: CloseCaseDto,
  ReopenCase: ReopenCaseDto,
  AwaitInitiative: AwaitInitiativeDto,
  ResumeCase: ResumeCaseDto,
  ShredCaseNarratives: ShredCaseNarrativesDto,
} as const satisfies { readonly [K in PublicCommandType]: abstract new () => object };

export type CommandDtos = typeof commandDtos;
/** The validated body of command type `K`. */
export type CommandBody<K extends PublicCommandType> = InstanceType<CommandDtos[K]>;

// ---------------------------------------------------------------------------------------------
// Compile-time checks: every DTO has exactly the fields of its domain command (plus occurredAt),
// and a validated body (minus occurredAt) can be passed to the domain as the command's data.
// ---------------------------------------------------------------------------------------------
type Expect<T extends true> = T;
type DataOf<K extends PublicCommandType> = Extract<DomainCommand, { type: K }>['data'];
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type FieldsMatch = {
  [K in PublicCommandType]: SameKeys<Omit<CommandBody<K>, 'occurredAt'>, DataOf<K>>;
}[PublicCommandType];
type Assignable = {
  [K in PublicCommandType]: Omit<CommandBody<K>, 'occurredAt'> extends DataOf<K> ? true : false;
}[PublicCommandType];
export type _CommandDtoChecks = [Expect<FieldsMatch>, Expect<Assignable>];
