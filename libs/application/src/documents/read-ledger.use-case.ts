import { Injectable } from '@nestjs/common';
import { formatInstant, instantOfEpochDay, parseLocalDate } from '@motcua/calendar';
import {
  hasUnit,
  ledgerQuerySchema,
  parseWith,
  type LedgerQuery,
  type Principal,
  type Unit,
} from '@motcua/contracts';
import { LedgerRepository, type LedgerRow } from '@motcua/database';
import { renderLedgerHtml, renderLedgerPdf, renderLedgerXlsx, type LedgerView } from '@motcua/documents';
import { FORMS_BY_RULE_SET, ruleSetFor } from '@motcua/sla';
import { unitOf } from '../apology/apology-letter';
import { AppError } from '../app-error';
import type { Rules } from '../rules/rules.provider';
import { RulesProvider } from '../rules/rules.provider';
import { documentFile, type DocumentFile } from './read-documents.use-case';

/** A ledger longer than this is not one to print: the caller shortens the period. */
export const MAX_LEDGER_ROWS = 20_000;

/** Roles that read every desk's ledger; other users read the ledgers of their own units. */
const READ_ANY_LEDGER = new Set(['admin', 'manager']);

const isoOrNull = (t: number | null) => (t === null ? null : formatInstant(t));

/**
 * `GET /api/v1/reports/ledger` (Sổ theo dõi hồ sơ, §4.6): the dossiers received at one desk during a period of
 * local dates, in reception order, as PDF, XLSX or HTML. The form code is the one of the rules in force on the
 * period's last day (TT01_2018.M06 up to 30/06/2025, TT03_2025.M07 after).
 */
@Injectable()
export class ReadLedger {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly rules: RulesProvider,
  ) {}

  async report(query: unknown, principal: Principal): Promise<DocumentFile> {
    const parsed = parseWith(ledgerQuerySchema, query);
    if (!parsed.ok) throw AppError.invalid(parsed.problems);
    const q = parsed.value;
    const units = await this.rules.units();
    if (!units.some((u) => u.code === q.unit))
      throw AppError.invalid([{ field: 'unit', problem: `unknown unit ${q.unit}` }]);
    if (!principal.roles.some((r) => READ_ANY_LEDGER.has(r)) && !hasUnit(principal, q.unit))
      throw AppError.forbidden(`the ledger of ${q.unit} is outside your units`);
    const view = await this.view(q, units);
    const stem = `so-theo-doi-${q.unit}-${q.from}-${q.to}`;
    if (q.format === 'xlsx') return documentFile(await renderLedgerXlsx(view), stem, 'xlsx');
    if (q.format === 'html') return documentFile(Buffer.from(renderLedgerHtml(view), 'utf8'), stem, 'html');
    return documentFile(await renderLedgerPdf(view), stem, 'pdf');
  }

  /** The ledger's view: one query over the projection, names from the catalogue. */
  async view(q: LedgerQuery, units: ReadonlyArray<Unit>): Promise<LedgerView> {
    const from = instantOfEpochDay(parseLocalDate(q.from));
    const to = instantOfEpochDay(parseLocalDate(q.to) + 1);
    const rows = await this.ledger.rows(q.unit, from, to, MAX_LEDGER_ROWS + 1);
    if (rows.length > MAX_LEDGER_ROWS)
      throw AppError.invalid([
        { field: 'to', problem: `the period holds more than ${MAX_LEDGER_ROWS} dossiers; shorten it` },
      ]);
    const rules = await this.rules.snapshot();
    const desk = unitOf(units, q.unit);
    return {
      formCode: FORMS_BY_RULE_SET[ruleSetFor(rules.at(to - 1).settings, to - 1)].ledger,
      parentAgency: desk.parentCode ? unitOf(units, desk.parentCode).name : null,
      issuer: desk.name,
      unitCode: desk.code,
      unitName: desk.name,
      from: q.from,
      to: q.to,
      rows: rows.map((r, i) => ledgerLine(r, i + 1, q.unit, rules, units)),
    };
  }
}

/** One line of the ledger: the dates of §4.6 from the handovers (to the lead unit, back to the desk). */
function ledgerLine(
  r: LedgerRow,
  seq: number,
  desk: string,
  rules: Rules,
  units: ReadonlyArray<Unit>,
): LedgerView['rows'][number] {
  const def = rules.procedures
    .get(r.procedureCode ?? '')
    ?.find((v) => v.version === r.procedureVersion)?.definition;
  const out = r.handovers.find((h) => h.fromUnit === desk);
  const back = out ? r.handovers.filter((h) => h.toUnit === desk && h.at > out.at).at(-1) : undefined;
  const resultAt = back?.at ?? (r.resultOutcome !== null ? r.finishedAt : null);
  const contact = [r.applicant?.address, r.applicant?.phone].filter((x): x is string => !!x);
  return {
    seq,
    dossierCode: r.code,
    procedureName: def?.name ?? null,
    sets: null,
    applicantName: r.applicant?.name ?? '',
    applicantAddressPhone: contact.length > 0 ? contact.join(' – ') : null,
    leadUnit: def ? unitOf(units, def.leadUnitCode).name : null,
    receivedAt: formatInstant(r.receivedAt),
    dueAt: isoOrNull(r.dueAt),
    forwardedAt: isoOrNull(out?.at ?? null),
    resultReceivedAt: isoOrNull(resultAt),
    returnedAt: isoOrNull(r.returnedAt),
    note: null,
  };
}
