import type { RuleSet } from './sla.types';

export interface FormCodes {
  receipt: string;
  supplementRequest: string;
  refusal: string;
  apology: string;
  stopNotice: string | null;
  controlSheet: string;
  ledger: string;
}

/** §0.2: the forms of each regime; TT 03/2025 adds the stop notice (05) and renumbers the control sheet and ledger. */
export const FORMS_BY_RULE_SET: Readonly<Record<RuleSet, FormCodes>> = Object.freeze({
  ND61_2018: {
    receipt: 'TT01_2018.M01',
    supplementRequest: 'TT01_2018.M02',
    refusal: 'TT01_2018.M03',
    apology: 'TT01_2018.M04',
    stopNotice: null,
    controlSheet: 'TT01_2018.M05',
    ledger: 'TT01_2018.M06',
  },
  ND118_2025: {
    receipt: 'TT03_2025.M01',
    supplementRequest: 'TT03_2025.M02',
    refusal: 'TT03_2025.M03',
    apology: 'TT03_2025.M04',
    stopNotice: 'TT03_2025.M05',
    controlSheet: 'TT03_2025.M06',
    ledger: 'TT03_2025.M07',
  },
});
