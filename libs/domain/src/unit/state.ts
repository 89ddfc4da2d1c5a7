export type UnitState =
  | Readonly<{ status: 'unregistered' }>
  | Readonly<{
      status: 'registered';
      unitId: string;
      name: string;
      isContactPoint: boolean;
      /** Budget hours per period (`YYYY-MM` or `YYYY-Qn`); the latest value per period wins. */
      staffTimeBudgets: Readonly<Record<string, number>>;
    }>;

export type RegisteredUnit = Extract<UnitState, { status: 'registered' }>;

export const initialUnitState = (): UnitState => ({ status: 'unregistered' });
