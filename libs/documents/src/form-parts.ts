/** The blocks several forms share (domain.md §4): the two-column header, the applicant's lines, the signatures. */
import {
  type Block,
  type ColumnsBlock,
  type FormModel,
  type Run,
  b,
  blank,
  i,
  para,
  t,
  val,
} from './document.model';
import type { ApplicantLines, FormHeader, Signature } from './form-views';
import { formNumberLabel, formTitle, numberSuffix } from './forms';
import { dateWords } from './vi-format';

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** "Số: 12/TNHS", the suffix kept when the number is written by hand ("Số: …………/TNHS"). */
export function numberRuns(formCode: string, number: string | null): Run[] {
  const suffix = numberSuffix(formCode);
  return [t('Số: '), val(number, 'short'), ...(suffix ? [t(`/${suffix}`)] : [])];
}

/** The header every form shares: agency on the left, Quốc hiệu and "<place>, ngày … tháng … năm …" on the right. */
export function headerBlock(h: {
  formCode: string;
  parentAgency: string | null;
  issuer: string;
  number: string | null;
  place: string | null;
  date: string | null;
}): Block[] {
  const label = formNumberLabel(h.formCode);
  const left: Block[] = [
    ...(h.parentAgency
      ? [para([t(h.parentAgency, { upper: true })], { align: 'center', size: 'small' })]
      : []),
    para([t(h.issuer, { bold: true, upper: true })], { align: 'center', size: 'small' }),
    para(numberRuns(h.formCode, h.number), { align: 'center', size: 'small' }),
  ];
  const right: Block[] = [
    para([b(NATIONAL_NAME)], { align: 'center', size: 'small' }),
    para([{ text: MOTTO, bold: true, underline: true }], { align: 'center', size: 'small' }),
    para([val(h.place, 'short', { italic: true }), i(`, ${dateWords(h.date)}`)], {
      align: 'center',
      size: 'small',
    }),
  ];
  const columns: ColumnsBlock = { type: 'columns', widths: [0.42, 0.58], columns: [left, right] };
  return [...(label ? [para([i(label)], { align: 'right', size: 'small' })] : []), columns];
}

/** The header of a form view (FormHeader). */
export const formHeader = (h: FormHeader): Block[] => headerBlock(h);

/** The title of the form code, with lines under it. */
export const titleBlock = (formCode: string, under: Run[][] = []): Block => ({
  type: 'title',
  text: formTitle(formCode),
  under,
});

/** Địa chỉ; Số điện thoại; Email — each a dotted line when unknown. */
export function applicantLines(a: ApplicantLines): Block[] {
  return [
    para([t('Địa chỉ: '), val(a.address)]),
    para([t('Số điện thoại: '), val(a.phone, 'short'), t('; Email: '), val(a.email, 'short')]),
  ];
}

/** "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC": the title lines of one signer. */
export function signerTitleLines(s: Signature): string[] {
  const caption = s.caption.toLocaleUpperCase('vi');
  if (!s.onBehalfOf) return [caption];
  const behalf = s.onBehalfOf.toLocaleUpperCase('vi');
  return [behalf.startsWith('KT.') ? behalf : `KT. ${behalf}`, caption];
}

/** A person signs for themselves ("NGƯỜI …"); a head of agency signs and seals. */
export function signHint(titleLines: string[]): string {
  const last = titleLines[titleLines.length - 1];
  return last.startsWith('NGƯỜI') ? '(Ký và ghi rõ họ tên)' : '(Ký, ghi rõ họ tên và đóng dấu)';
}

/** One signature column: title lines, the hint, room to sign, the name (or a dotted line). */
export function signatureColumn(
  titleLines: string[],
  name: string | null,
  hint = signHint(titleLines),
): Block[] {
  return [
    ...titleLines.map((line) => para([b(line)], { align: 'center' })),
    para([i(hint)], { align: 'center', size: 'small' }),
    { type: 'space', lines: 3 },
    para([name ? b(name) : blank()], { align: 'center' }),
  ];
}

/** Signatures side by side; one signer stands on the right, as official letters place the signer. */
export function signaturesBlock(signatures: Signature[], left: Block[] = []): ColumnsBlock {
  const cols = signatures.map((s) => signatureColumn(signerTitleLines(s), s.name));
  if (cols.length === 1) return { type: 'columns', widths: [0.45, 0.55], columns: [left, cols[0]] };
  return { type: 'columns', widths: cols.map(() => 1 / cols.length), columns: cols };
}

/** The page of a form from 01 to 05: A5 portrait (TT 01/2018: forms are A5). */
export function a5Form(
  formCode: string,
  dossierCode: string,
  stampedAt: string | null,
  blocks: Block[],
  data: Record<string, string> = {},
): FormModel {
  return {
    formCode,
    title: `${formTitle(formCode)} – ${dossierCode}`,
    page: { size: 'A5', landscape: false },
    stampedAt,
    data,
    blocks,
  };
}
