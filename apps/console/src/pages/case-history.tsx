import { api, ok } from '../api/client';
import type { CaseHistory as CaseHistoryAnswer, CaseHistoryEntry, Directory } from '../api/types';
import { Field } from '../components/field';
import { Status } from '../components/status';
import { useLoad } from '../components/use-load';
import { useUrlState } from '../components/use-url-state';
import { today, useI18n } from '../i18n/i18n';

/** Pages of the history at most (500 entries each): a case with more shows its first 10 000. */
const MAX_PAGES = 20;

/** Every page of GET /v1/cases/{caseId}/history. */
async function wholeHistory(caseId: string, signal: AbortSignal): Promise<CaseHistoryEntry[]> {
  const entries: CaseHistoryEntry[] = [];
  let afterPosition: number | null = 0;
  for (let page = 0; afterPosition !== null && page < MAX_PAGES; page += 1) {
    const answer: CaseHistoryAnswer = ok(
      await api.GET('/v1/cases/{caseId}/history', {
        params: { path: { caseId }, query: { afterPosition, limit: 500 } },
        signal,
      }),
    );
    entries.push(...answer.entries);
    afterPosition = answer.nextAfterPosition;
  }
  return entries;
}

const ORDERS = ['occurred', 'recorded'] as const;

/** The case's timeline: what happened when (business time) beside when it was recorded, sortable by either. */
export function CaseHistory({ caseId, directory }: { caseId: string; directory: Directory }) {
  const { t, f, label } = useI18n();
  const [{ order }, choose] = useUrlState({ order: 'occurred' }, (_key, value) =>
    (ORDERS as readonly string[]).includes(value),
  );
  const history = useLoad((signal) => wholeHistory(caseId, signal), [caseId]);
  const funds = new Map(directory.funds.map((fund) => [fund.fundId, fund.name ?? fund.fundId]));
  const day = (instant: string) => today(directory.metricsSettings.timeZone, new Date(instant));
  const sorted = (entries: CaseHistoryEntry[]) =>
    [...entries].sort((a, b) =>
      order === 'recorded'
        ? a.position - b.position
        : a.occurredAt.localeCompare(b.occurredAt) || a.position - b.position,
    );
  /** The few details that say more than the event's name: who promised, dates, amounts. */
  const details = (entry: CaseHistoryEntry) => {
    const parts: string[] = [];
    for (const [field, value] of Object.entries(entry.details)) {
      if (field === 'promisor' && typeof value === 'string') parts.push(label('party', value));
      else if (field === 'outcome' && typeof value === 'string') parts.push(label('outcome', value));
      else if (/On$/.test(field) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
        parts.push(f.date(`${value}T12:00:00Z`));
      else if (/Cents$/.test(field) && typeof value === 'number') parts.push(f.euros(value));
    }
    if (entry.streamId.startsWith('fund-')) {
      const fundId = entry.streamId.slice('fund-'.length);
      parts.push(`${t('case.timeline.fund')}: ${funds.get(fundId) ?? fundId}`);
    }
    return parts.join(' · ');
  };
  return (
    <section aria-labelledby="case-timeline">
      <h2 id="case-timeline">{t('case.timeline')}</h2>
      <p className="muted">{t('case.timeline.note')}</p>
      <form className="timeline-order" onSubmit={(event) => event.preventDefault()}>
        <Field label={t('case.timeline.order')}>
          <select value={order} onChange={(event) => choose({ order: event.target.value })}>
            <option value="occurred">{t('case.timeline.byOccurred')}</option>
            <option value="recorded">{t('case.timeline.byRecorded')}</option>
          </select>
        </Field>
      </form>
      <Status loaded={history}>
        {(entries) => (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="case-timeline">
            <table className="timeline">
              <thead>
                <tr>
                  <th scope="col">{t('case.timeline.occurredAt')}</th>
                  <th scope="col">{t('case.timeline.recordedAt')}</th>
                  <th scope="col">{t('case.timeline.what')}</th>
                  <th scope="col">{t('case.timeline.who')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted(entries).map((entry) => {
                  const late = day(entry.recordedAt) > day(entry.occurredAt);
                  return (
                    <tr key={entry.eventId} className={late ? 'late' : undefined}>
                      <td>
                        <time dateTime={entry.occurredAt}>{f.dateTime(entry.occurredAt)}</time>
                      </td>
                      <td>
                        <time dateTime={entry.recordedAt}>{f.dateTime(entry.recordedAt)}</time>
                        {late && (
                          <>
                            <br />
                            <strong>{t('case.timeline.late')}</strong>
                          </>
                        )}
                      </td>
                      <th scope="row">
                        {label('event', entry.type)}
                        {details(entry) && <span className="muted"> · {details(entry)}</span>}
                      </th>
                      <td>{entry.actor.subject}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Status>
    </section>
  );
}
