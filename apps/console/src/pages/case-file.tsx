import type { ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import { api, ok } from '../api/client';
import type { CaseDocument, Directory } from '../api/types';
import { Status } from '../components/status';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { CaseFunding } from './case-funding';
import { CaseHistory } from './case-history';
import { worklistAddress } from './worklist';

/** The clerk's case file: GET /v1/cases/{id} (with `file` for clerks). */
export function CaseFile({ directory }: { directory: Directory }) {
  const { t } = useI18n();
  const { id } = useParams<{ id: string }>();
  const found = useLoad(
    (signal) => api.GET('/v1/cases/{caseId}', { params: { path: { caseId: id } }, signal }).then(ok),
    [id],
  );
  return (
    <>
      <p>
        <Link href={worklistAddress()}>{t('case.back')}</Link>
      </p>
      <Status loaded={found}>{({ data }) => <CaseView doc={data} directory={directory} />}</Status>
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function CaseView({ doc, directory }: { doc: CaseDocument; directory: Directory }) {
  const { t, f, label } = useI18n();
  const unitName = (unitId: string | null) =>
    unitId ? (directory.units.find((unit) => unit.unitId === unitId)?.name ?? unitId) : t('kpi.none');
  const initiative = directory.initiatives.find((entry) => entry.initiativeId === doc.initiativeId);
  const interimUses = Object.entries(doc.interimUse);
  const funds = new Map(directory.funds.map((fund) => [fund.fundId, fund.name ?? fund.fundId]));
  return (
    <article aria-labelledby="case-title">
      <h1 id="case-title">{doc.title ?? doc.caseId}</h1>
      <section aria-labelledby="case-facts">
        <h2 id="case-facts">{t('case.facts')}</h2>
        <dl className="facts">
          <Fact term={t('case.stage')}>{t(`stage.${doc.stage}`)}</Fact>
          <Fact term={t('case.status')}>
            {t(`case.status.${doc.status}`)}
            {doc.outcome && ` (${label('outcome', doc.outcome)})`}
          </Fact>
          <Fact term={t('case.initiative')}>{initiative?.name ?? doc.initiativeId ?? t('kpi.none')}</Fact>
          <Fact term={t('case.category')}>{doc.category ?? t('kpi.none')}</Fact>
          <Fact term={t('case.unit')}>{unitName(doc.unitId)}</Fact>
          <Fact term={t('case.contactPerson')}>
            {doc.contactPerson
              ? `${doc.contactPerson.staffRef} (${unitName(doc.contactPerson.unitId)}), ${t('case.contactSince', { date: f.date(doc.contactPerson.since) })}`
              : t('kpi.none')}
          </Fact>
          <Fact term={t('case.submittedAt')}>{f.date(doc.submittedAt)}</Fact>
          <Fact term={t('case.acknowledged')}>
            {doc.acknowledgedBy ? f.date(doc.acknowledgedBy.at) : t('kpi.none')}
          </Fact>
          <Fact term={t('case.lastContactAt')}>{f.date(doc.lastContactAt)}</Fact>
          <Fact term={t('case.requestedSupport')}>
            {doc.requestedSupport.map((kind) => label('support', kind)).join(', ') || t('kpi.none')}
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="case-commitments">
        <h2 id="case-commitments">{t('case.commitments')}</h2>
        {!doc.file ? (
          <p>{t('case.commitments.count', { count: doc.commitments })}</p>
        ) : doc.file.commitments.length === 0 ? (
          <p className="muted">{t('case.commitments.none')}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="case-commitments">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('case.commitment.what')}</th>
                  <th scope="col">{t('case.commitment.promisor')}</th>
                  <th scope="col">{t('case.commitment.dueOn')}</th>
                  <th scope="col">{t('case.commitment.status')}</th>
                </tr>
              </thead>
              <tbody>
                {doc.file.commitments.map((commitment) => (
                  <tr key={commitment.commitmentId} className={commitment.status === 'overdue' ? 'overdue' : undefined}>
                    <th scope="row">
                      {commitment.description ??
                        t('case.commitment.erased', { date: f.date(commitment.descriptionErasedAt) })}
                    </th>
                    <td>{t(`party.${commitment.promisor}`)}</td>
                    <td>
                      {commitment.dueOn ? f.date(`${commitment.dueOn}T12:00:00Z`) : t('kpi.none')}
                      {commitment.dueOn &&
                        commitment.originalDueOn !== commitment.dueOn &&
                        ` (${t('case.commitment.originalDueOn', { date: f.date(`${commitment.originalDueOn}T12:00:00Z`) })})`}
                    </td>
                    <td>{commitment.status ? t(`commitment.${commitment.status}`) : t('kpi.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="case-interim">
        <h2 id="case-interim">{t('case.interimUse')}</h2>
        {interimUses.length === 0 ? (
          <p className="muted">{t('case.none')}</p>
        ) : (
          <ul>
            {interimUses.map(([agreementId, use]) => (
              <li key={agreementId}>
                {label('property', use.propertyKind)}: {f.date(`${use.startsOn}T12:00:00Z`)} –{' '}
                {f.date(`${use.endsOn}T12:00:00Z`)}
                {use.licenceToTry && ` · ${t('case.interimUse.licenceToTry')}`}
                {use.ended && ` · ${t('case.interimUse.ended', { date: f.date(use.ended) })}`}
              </li>
            ))}
          </ul>
        )}
      </section>

      <CaseFunding doc={doc} funds={funds} />

      <CaseHistory caseId={doc.caseId} directory={directory} />
    </article>
  );
}
