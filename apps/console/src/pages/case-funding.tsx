import type { CaseDocument } from '../api/types';
import { useI18n } from '../i18n/i18n';

type FileApplication = NonNullable<CaseDocument['file']>['applications'][number];

/** A calendar date (YYYY-MM-DD) at noon UTC, so every time zone formats the same day. */
const day = (date: string) => `${date}T12:00:00Z`;

/**
 * The case's funding applications: for clerks as their funds' statements have them as of now
 * (`file.applications`: amounts, proof due date and where the proof of use stands), else the read
 * model's summary.
 */
export function CaseFunding({ doc, funds }: { doc: CaseDocument; funds: ReadonlyMap<string, string> }) {
  const { t } = useI18n();
  const count = doc.file ? doc.file.applications.length : Object.keys(doc.fundingApplications).length;
  return (
    <section aria-labelledby="case-funding">
      <h2 id="case-funding">{t('case.funding')}</h2>
      {count === 0 ? (
        <p className="muted">{t('case.funding.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="case-funding">
          {doc.file ? <FileTable applications={doc.file.applications} /> : <SummaryTable doc={doc} funds={funds} />}
        </div>
      )}
    </section>
  );
}

function SummaryTable({ doc, funds }: { doc: CaseDocument; funds: ReadonlyMap<string, string> }) {
  const { t, f, label } = useI18n();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('chart.funds.fund')}</th>
          <th scope="col">{t('case.funding.status')}</th>
          <th scope="col">{t('case.funding.requested')}</th>
          <th scope="col">{t('case.funding.awarded')}</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(doc.fundingApplications).map(([applicationId, application]) => (
          <tr key={applicationId}>
            <th scope="row">
              {application.fundId ? (funds.get(application.fundId) ?? application.fundId) : t('kpi.none')}
            </th>
            <td>{label('funding', application.status)}</td>
            <td>{f.euros(application.requestedCents)}</td>
            <td>{f.euros(application.awardedCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FileTable({ applications }: { applications: FileApplication[] }) {
  const { t, f } = useI18n();
  return (
    <table className="funding">
      <thead>
        <tr>
          <th scope="col">{t('chart.funds.fund')}</th>
          <th scope="col">{t('case.funding.status')}</th>
          <th scope="col">{t('case.funding.requested')}</th>
          <th scope="col">{t('case.funding.awarded')}</th>
          <th scope="col">{t('case.funding.disbursed')}</th>
          <th scope="col">{t('case.funding.proofDueOn')}</th>
          <th scope="col">{t('case.funding.proof')}</th>
        </tr>
      </thead>
      <tbody>
        {applications.map((application) => (
          <tr
            key={`${application.fundId}/${application.applicationId}`}
            className={application.proof === 'overdue' ? 'overdue' : undefined}
          >
            <th scope="row">{application.fundName ?? application.fundId}</th>
            <td>
              {t(`application.${application.status}`)}
              {application.settledAt && ` (${f.date(application.settledAt)})`}
            </td>
            <td>{f.euros(application.requestedCents)}</td>
            <td>{f.euros(application.awardedCents)}</td>
            <td>{f.euros(application.disbursedCents)}</td>
            <td>{application.proofDueOn ? f.date(day(application.proofDueOn)) : t('kpi.none')}</td>
            <td>
              <ProofOfUse application={application} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where the proof of use stands, as the fund statement says: owed (due or overdue, maybe submitted), reviewed, or nothing owed. */
function ProofOfUse({ application }: { application: FileApplication }) {
  const { t, f } = useI18n();
  const { proof, proofSubmittedAt, proofReviewedAt, reviewOutcome } = application;
  if (proof === 'reviewed') {
    return (
      <>
        {t('proof.reviewed', { date: f.date(proofReviewedAt) })}
        {reviewOutcome && `: ${t(`proof.outcome.${reviewOutcome}`)}`}
      </>
    );
  }
  if (proof === null) return <>{t('kpi.none')}</>;
  return (
    <>
      {t(`proof.${proof}`)}
      {proofSubmittedAt && ` · ${t('proof.submitted', { date: f.date(proofSubmittedAt) })}`}
    </>
  );
}
