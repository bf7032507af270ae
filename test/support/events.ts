/** Event bodies as staff clients send them (api-contract.md, "Events"). */
import { randomInt, randomUUID } from 'node:crypto';

export interface EventBody {
  id: string;
  dossierCode: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** Procedure 1.014199: TN@LDTBXH.MC → TD@LDTBXH.VLATLD → DY@LDTBXH.VLATLD → KY@LDTBXH.VP → TKQ@LDTBXH.MC, 10 working days. */
export const PROCEDURE = '1.014199';
export const MC = 'LDTBXH.MC';
export const VLATLD = 'LDTBXH.VLATLD';

/** A procedure as an administrator publishes it: five working days, received at `desk`, examined by VLATLD. */
export function twoStepProcedure(name: string, desk = MC) {
  return {
    name,
    field: 'Việc làm',
    leadUnitCode: VLATLD,
    duration: { value: 5, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    requiresPaperResult: false,
    supplementPolicy: 'pause_resume',
    steps: [
      { code: 'TN', name: 'Tiếp nhận', unitCode: desk, allocatedWorkingHours: 4 },
      { code: 'TD', name: 'Thẩm định', unitCode: VLATLD, allocatedWorkingHours: 36 },
    ],
  };
}
export const VP = 'LDTBXH.VP';

let counter = 0;
/** A dossier code (mã hồ sơ) unique within the run: digits after the date, as real codes have (domain.md §1). */
export function newDossierCode(prefix = 'H57.12-250303'): string {
  counter += 1;
  return `${prefix}-${String(randomInt(1_000_000)).padStart(6, '0')}${String(counter).padStart(4, '0')}`;
}

export function event(
  dossierCode: string,
  type: string,
  occurredAt: string,
  data: Record<string, unknown> = {},
  id: string = randomUUID(),
): EventBody {
  return { id, dossierCode, type, occurredAt, data };
}

export const received = (code: string, at: string, data: Record<string, unknown> = {}) =>
  event(code, 'received', at, {
    procedureCode: PROCEDURE,
    channel: 'direct',
    applicant: { name: 'Nguyễn Văn An', idNumber: '001085012345', phone: '0912345678' },
    ...data,
  });

export const forwarded = (
  code: string,
  at: string,
  fromUnit: string,
  toUnit: string,
  extra: Record<string, unknown> = {},
) => event(code, 'forwarded', at, { fromUnit, toUnit, method: 'electronic', ...extra });

export const resultReady = (code: string, at: string, outcome = 'approved') =>
  event(code, 'result_ready', at, { outcome });

export const returned = (code: string, at: string, method = 'desk') =>
  event(code, 'returned', at, { method });

export const rated = (code: string, at: string, rating = 'very_satisfied') =>
  event(code, 'rated', at, { rating });

/**
 * The whole life of a 1.014199 dossier received on Monday 2025-03-03 08:30 (+07:00), each step on time:
 * received → TD → DY → KY → TKQ → result_ready → returned → rated.
 */
export function fullLife(code: string): EventBody[] {
  return [
    received(code, '2025-03-03T08:30:00+07:00'),
    forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD),
    forwarded(code, '2025-03-07T09:00:00+07:00', VLATLD, VLATLD, { stepCode: 'DY' }),
    forwarded(code, '2025-03-10T11:00:00+07:00', VLATLD, VP),
    forwarded(code, '2025-03-11T14:00:00+07:00', VP, MC),
    resultReady(code, '2025-03-11T16:00:00+07:00'),
    returned(code, '2025-03-12T09:00:00+07:00'),
    rated(code, '2025-03-12T09:05:00+07:00'),
  ];
}
