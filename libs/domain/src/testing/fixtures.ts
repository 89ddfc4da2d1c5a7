/** Sample ids, commands and events for specs (here and in other layers). */
import { CaseEvent, CaseInstitutionalised, CaseStage, RequestSubmitted } from '../case';
import { FundOpened } from '../fund';
import { InitiativeRegistered } from '../initiative';
import { UnitRegistered } from '../unit';

export const ids = {
  initiative: '01890a5d-ac96-774b-bcce-b302099a8057',
  unit: '01890a5d-ac96-774b-bcce-b302099a8058',
  otherUnit: '01890a5d-ac96-774b-bcce-b302099a8059',
  fund: '01890a5d-ac96-774b-bcce-b302099a805a',
  case: '01890a5d-ac96-774b-bcce-b302099a805b',
  application: '01890a5d-ac96-774b-bcce-b302099a805c',
  otherApplication: '01890a5d-ac96-774b-bcce-b302099a805d',
  commitment: '01890a5d-ac96-774b-bcce-b302099a805e',
  agreement: '01890a5d-ac96-774b-bcce-b302099a805f',
  interaction: '01890a5d-ac96-774b-bcce-b302099a8060',
  support: '01890a5d-ac96-774b-bcce-b302099a8061',
} as const;

export const initiativeRegistered: InitiativeRegistered = {
  type: 'InitiativeRegistered',
  data: {
    initiativeId: ids.initiative,
    name: 'Kulturbahnhof e.V.',
    kind: 'association',
    district: 'Altstadt',
    contact: { name: 'Erika Mustermann', email: 'erika@example.org' },
  },
};

export const unitRegistered: UnitRegistered = {
  type: 'UnitRegistered',
  data: { unitId: ids.unit, name: 'Anlaufstelle Bürgerengagement', isContactPoint: true },
};

export const fundOpened = (budgetCents = 1_000_000): FundOpened => ({
  type: 'FundOpened',
  data: { fundId: ids.fund, name: 'Mit-mach-Fonds 2025', year: 2025, budgetCents },
});

export const requestSubmitted: RequestSubmitted = {
  type: 'RequestSubmitted',
  data: {
    caseId: ids.case,
    initiativeId: ids.initiative,
    title: 'Leerstand am Markt beleben',
    description: 'Wir möchten das leere Ladenlokal als Repair-Café nutzen.',
    category: 'culture',
    channel: 'contact_point',
    requestedSupport: ['space', 'interim_use'],
  },
};

export const supportAgreed = (supportId: string = ids.support): CaseEvent => ({
  type: 'SupportAgreed',
  data: { caseId: ids.case, supportId, kind: 'advice', description: 'Beratung zum Brandschutz' },
});

export const interimUseAgreed = (
  agreementId: string = ids.agreement,
  startsOn = '2025-03-01',
  endsOn = '2025-08-31',
): CaseEvent => ({
  type: 'InterimUseAgreed',
  data: {
    caseId: ids.case,
    agreementId,
    propertyRef: 'liegenschaft-4711',
    propertyKind: 'vacant_shop',
    startsOn,
    endsOn,
    licenceToTry: true,
    conditions: ['Öffnungszeiten bis 22 Uhr'],
  },
});

export const caseInstitutionalised: CaseInstitutionalised = {
  type: 'CaseInstitutionalised',
  data: { caseId: ids.case, form: 'lease', effectiveFrom: '2026-01-01' },
};

export const caseClosed = (stage: CaseStage = 'request'): CaseEvent => ({
  type: 'CaseClosed',
  data: { caseId: ids.case, outcome: 'completed', stage },
});

export const commitmentMade = (commitmentId: string = ids.commitment): CaseEvent => ({
  type: 'CommitmentMade',
  data: {
    caseId: ids.case,
    commitmentId,
    promisor: 'administration',
    description: 'Schlüsselübergabe',
    dueOn: '2025-04-15',
  },
});
