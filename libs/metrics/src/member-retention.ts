import type { ActiveMembersReported } from '@koproduktiv/domain';
import { addOnce, latest, MetricsEvent, Timed, timedOf, upTo } from './timed';
import { toMs } from './time';

export type MembersEntry = Timed & { readonly activeMembers: number };

/** An initiative's ActiveMembersReported, serialisable. */
export interface InitiativeHistory {
  readonly v: 1;
  readonly initiativeId: string | null;
  readonly memberReports: readonly MembersEntry[];
}

export const emptyInitiativeHistory = (initiativeId: string | null = null): InitiativeHistory => ({
  v: 1,
  initiativeId,
  memberReports: [],
});

export const foldInitiativeEvent = (history: InitiativeHistory, event: MetricsEvent): InitiativeHistory => {
  if (event.type !== 'ActiveMembersReported') return history;
  const { data } = event as unknown as ActiveMembersReported;
  if (history.initiativeId !== null && history.initiativeId !== data.initiativeId) return history;
  return {
    v: 1,
    initiativeId: data.initiativeId,
    memberReports: addOnce(history.memberReports, { ...timedOf(event), activeMembers: data.activeMembers }),
  };
};

export interface MemberRetention {
  initiativeId: string | null;
  latestActiveMembers: number | null;
  highestActiveMembers: number | null;
  /** latest / highest reported up to T; null without reports or when the highest is 0. */
  memberRetention: number | null;
}

/** memberRetention as of T: the latest report by business time over the highest reported so far. */
export const computeMemberRetention = (history: InitiativeHistory, asOf: Date): MemberRetention => {
  const reports = upTo(history.memberReports, toMs(asOf));
  const last = latest(reports);
  if (last === undefined) {
    return {
      initiativeId: history.initiativeId,
      latestActiveMembers: null,
      highestActiveMembers: null,
      memberRetention: null,
    };
  }
  const highest = Math.max(...reports.map((r) => r.activeMembers));
  return {
    initiativeId: history.initiativeId,
    latestActiveMembers: last.activeMembers,
    highestActiveMembers: highest,
    memberRetention: highest === 0 ? null : last.activeMembers / highest,
  };
};
