import type { CaseDocument } from '../api/types';
import type { Translate } from '../i18n/i18n';

export interface TimelineEntry {
  readonly at: string;
  readonly what: string;
}

const noon = (date: string) => `${date}T12:00:00Z`;

/** The dated facts of a case file, newest first (business time). */
export function caseTimeline(doc: CaseDocument, t: Translate): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const add = (at: string | null | undefined, what: string) => at && entries.push({ at, what });
  add(doc.submittedAt, t('case.event.submitted'));
  add(doc.acknowledgedBy?.at, t('case.event.acknowledged'));
  add(doc.contactPerson?.since, t('case.event.contactPerson'));
  for (const commitment of doc.file?.commitments ?? [])
    add(commitment.madeAt, t('case.event.commitmentMade', { promisor: t(`party.${commitment.promisor}`) }));
  for (const use of Object.values(doc.interimUse)) {
    add(noon(use.startsOn), t('case.event.interimUseStarts'));
    if (use.ended) add(use.ended, t('case.event.interimUseEnded'));
    else add(noon(use.endsOn), t('case.event.interimUseEnds'));
  }
  for (const resolution of doc.councilResolutions)
    add(
      noon(resolution.decidedOn),
      t('case.event.council', { ref: resolution.resolutionRef, outcome: resolution.outcome }),
    );
  add(doc.institutionalisation?.at, t('case.event.institutionalised', { form: doc.institutionalisation?.form ?? '' }));
  add(doc.closedAt, t('case.event.closed'));
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}
