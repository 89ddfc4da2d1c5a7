import { useEffect } from 'react';
import { Link, useSearch } from 'wouter';
import { api, chosen, downloadCsv, ok } from '../api/client';
import { Directory, WORKLIST_KINDS, WorklistKind } from '../api/types';
import { useSession } from '../auth/session';
import { Field } from '../components/field';
import { Status } from '../components/status';
import { useLoad } from '../components/use-load';
import { useUrlState } from '../components/use-url-state';
import { useI18n } from '../i18n/i18n';

const WITHIN = ['7', '14', '30', '60'];
const PROMISORS = ['administration', 'initiative'] as const;
/** The worklist's address as last shown (its filters and page), for the case file's way back to it. */
let lastSearch = '';
export const worklistAddress = () => `/arbeitsliste${lastSearch}`;

/** Items per page to choose from (the API allows up to 500). */
const PAGE_SIZES = ['10', '25', '50', '100'];

/** The clerk's worklist: GET /v1/worklist, each item linking to its case file; its filters and page in the address. */
export function Worklist({ directory }: { directory: Directory }) {
  const { t, f, label } = useI18n();
  const ownStaffRef = useSession()?.staffRef;
  const search = useSearch();
  useEffect(() => {
    lastSearch = search ? `?${search}` : '';
  }, [search]);
  const [{ within, unitId, kind, promisor, contact, perPage, cursor }, choose] = useUrlState(
    { within: '14', unitId: '', kind: '', promisor: '', contact: '', perPage: '100', cursor: '' },
    (key, value) =>
      key === 'within'
        ? WITHIN.includes(value)
        : key === 'unitId'
          ? directory.units.some((unit) => unit.unitId === value)
          : key === 'kind'
            ? (WORKLIST_KINDS as readonly string[]).includes(value)
            : key === 'promisor'
              ? (PROMISORS as readonly string[]).includes(value)
              : key === 'contact'
                ? value === 'me'
                : key === 'perPage'
                  ? PAGE_SIZES.includes(value)
                  : value.length <= 400,
  );
  const query = {
    within: Number(within),
    unitId: chosen(unitId),
    kind: chosen(kind) as WorklistKind | undefined,
    promisor: chosen(promisor) as (typeof PROMISORS)[number] | undefined,
    // Only one's own list: the API answers 403 for anyone else's staff reference.
    staffRef: contact === 'me' ? ownStaffRef : undefined,
  };
  const worklist = useLoad(
    (signal) =>
      api
        .GET('/v1/worklist', {
          params: { query: { ...query, limit: Number(perPage), cursor: chosen(cursor) } },
          signal,
        })
        .then(ok),
    [within, unitId, kind, promisor, contact, perPage, cursor],
  );
  /** A new filter starts again at the first page. */
  const filter = (
    changes: Partial<Record<'within' | 'unitId' | 'kind' | 'promisor' | 'contact' | 'perPage', string>>,
  ) => choose({ ...changes, cursor: '' });
  const units = new Map(directory.units.map((unit) => [unit.unitId, unit.name ?? unit.unitId]));
  return (
    <>
      <h1>{t('worklist.title')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('filters.label')}</legend>
          <Field label={t('worklist.within')}>
            <select value={within} onChange={(event) => filter({ within: event.target.value })}>
              {WITHIN.map((days) => (
                <option key={days} value={days}>
                  {t('worklist.withinDays', { days })}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('filters.unit')}>
            <select value={unitId} onChange={(event) => filter({ unitId: event.target.value })}>
              <option value="">{t('filters.all')}</option>
              {directory.units.map((unit) => (
                <option key={unit.unitId} value={unit.unitId}>
                  {unit.name ?? unit.unitId}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('worklist.kind')}>
            <select value={kind} onChange={(event) => filter({ kind: event.target.value })}>
              <option value="">{t('filters.all')}</option>
              {WORKLIST_KINDS.map((name) => (
                <option key={name} value={name}>
                  {t(`kind.${name}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('worklist.promisor')}>
            <select value={promisor} onChange={(event) => filter({ promisor: event.target.value })}>
              <option value="">{t('filters.all')}</option>
              {PROMISORS.map((party) => (
                <option key={party} value={party}>
                  {t(`party.${party}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('worklist.contact')}>
            <select value={contact} onChange={(event) => filter({ contact: event.target.value })}>
              <option value="">{t('filters.all')}</option>
              <option value="me">{t('worklist.contact.me', { subject: ownStaffRef ?? '' })}</option>
            </select>
          </Field>
          <Field label={t('worklist.perPage')}>
            <select value={perPage} onChange={(event) => filter({ perPage: event.target.value })}>
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
      </form>
      <p>{t('worklist.intro', { days: within })}</p>
      {worklist.state === 'error' && cursor && (
        // A page address from an old bookmark: the service no longer knows its cursor.
        <p>
          <button type="button" onClick={() => choose({ cursor: '' })}>
            {t('worklist.firstPage')}
          </button>
        </p>
      )}
      <Status loaded={worklist}>
        {({ data, position }) => (
          <section aria-labelledby="worklist-count">
            <h2 id="worklist-count">
              {data.items.length === data.total
                ? t('worklist.countOverdue', {
                    count: f.number(data.total, 0),
                    overdue: f.number(data.items.filter((item) => item.overdueDays > 0).length, 0),
                  })
                : t('worklist.count', { count: f.number(data.total, 0) })}
            </h2>
            <p>
              <button
                type="button"
                className="link-button"
                onClick={() => void downloadCsv('/v1/worklist', { ...query, limit: Number(perPage) })}
              >
                {t('worklist.csv')}
              </button>
            </p>
            {data.items.length === 0 ? (
              <p className="muted">{t('worklist.empty')}</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="worklist-count">
                <table className="worklist">
                  <thead>
                    <tr>
                      <th scope="col">{t('worklist.due')}</th>
                      <th scope="col">{t('worklist.kind')}</th>
                      <th scope="col">{t('worklist.case')}</th>
                      <th scope="col">{t('worklist.unit')}</th>
                      <th scope="col">{t('worklist.staff')}</th>
                      <th scope="col">{t('worklist.hurts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((item, i) => (
                      <tr
                        key={`${item.kind}-${item.caseId}-${i}`}
                        className={item.overdueDays > 0 ? 'overdue' : undefined}
                      >
                        <td>
                          {f.date(item.dueAt)}
                          {item.overdueDays > 0 && (
                            <>
                              <br />
                              <strong>{t('worklist.overdue', { days: f.number(item.overdueDays, 0) })}</strong>
                            </>
                          )}
                        </td>
                        <td>
                          {t(`kind.${item.kind}`)}
                          {item.promisor && ` (${t(`party.${item.promisor}`)})`}
                        </td>
                        <th scope="row">
                          <Link href={`/vorgang/${item.caseId}`}>{item.caseTitle ?? item.caseId}</Link>
                        </th>
                        <td>{item.unitId ? (units.get(item.unitId) ?? item.unitId) : t('kpi.none')}</td>
                        <td>{item.staffRef ?? t('kpi.none')}</td>
                        <td>{label('hurts', item.hurts)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {(cursor || data.nextCursor) && (
              <nav className="pages" aria-label={t('worklist.pages')}>
                {cursor && (
                  <button type="button" onClick={() => choose({ cursor: '' })}>
                    {t('worklist.firstPage')}
                  </button>
                )}
                {data.nextCursor && (
                  <button type="button" onClick={() => choose({ cursor: data.nextCursor ?? '' })}>
                    {t('worklist.nextPage')}
                  </button>
                )}
              </nav>
            )}
            <p className="muted small">{t('app.position', { position })}</p>
          </section>
        )}
      </Status>
    </>
  );
}
