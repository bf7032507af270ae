/** Vietnamese plain-text formats the forms print: dates and times in Asia/Ho_Chi_Minh, amounts, marks, methods. */
import type { StepMark } from './form-views';
import { localParts } from './html';

const BLANK_DATE = 'ngày …… tháng …… năm ……';
const BLANK_TIME = '…… giờ …… phút';

/** "ngày 05 tháng 05 năm 2026", or the blanks of the form. */
export function dateWords(iso: string | null): string {
  if (iso === null) return BLANK_DATE;
  const p = localParts(iso);
  return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** "08 giờ 30 phút, ngày 05 tháng 05 năm 2026", or the blanks of the form. */
export function timeDateWords(iso: string | null): string {
  if (iso === null) return `${BLANK_TIME}, ${BLANK_DATE}`;
  const p = localParts(iso);
  return `${p.hh} giờ ${p.mm} phút, ${dateWords(iso)}`;
}

/** "05/05/2026 08:30" for table cells. */
export function tableDateTime(iso: string): string {
  const p = localParts(iso);
  return `${p.day}/${p.month}/${p.year} ${p.hh}:${p.mm}`;
}

/** A local date `YYYY-MM-DD` as "05/05/2026". */
export function localDateSlashes(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** "1.500.000 đồng": dots group thousands, as Vietnamese writes amounts (no locale data needed). */
export function dong(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${digits} đồng`;
}

/** §4.5: the mark of a step (Trước hạn / Đúng hạn / Quá hạn); null while the step runs. */
export function markWords(mark: StepMark): string | null {
  switch (mark) {
    case 'early':
      return 'Trước hạn';
    case 'on_time':
      return 'Đúng hạn';
    case 'late':
      return 'Quá hạn';
    case null:
      return null;
  }
}

/** How a dossier was handed over, in words. */
export function methodWords(method: 'electronic' | 'paper' | 'postal'): string {
  switch (method) {
    case 'electronic':
      return 'điện tử';
    case 'paper':
      return 'giấy';
    case 'postal':
      return 'bưu chính';
  }
}
