/**
 * The small document model every form template builds and both renderers (HTML, PDF) draw: one template per form,
 * so the printed and the on-screen form never drift apart. Pure data: no markup, no coordinates.
 */

/** A piece of text with one style; `blank` marks a dotted line written by hand (never invented data). */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Printed in capitals (agency names in the header), the data kept as written. */
  upper?: boolean;
  blank?: boolean;
}

export type Align = 'left' | 'center' | 'right' | 'justify';
export type TextSize = 'small' | 'normal' | 'large';

export interface ParagraphBlock {
  type: 'paragraph';
  runs: Run[];
  align?: Align;
  size?: TextSize;
  /** Indents the first line, as the body of an administrative letter does. */
  indent?: boolean;
}

/** The form's title (TÊN MẪU), centred and bold, with optional lines under it (Mã hồ sơ, the period…). */
export interface TitleBlock {
  type: 'title';
  text: string;
  under: Run[][];
}

/** Side-by-side columns (the header, the signatures): widths are fractions of the text width. */
export interface ColumnsBlock {
  type: 'columns';
  widths: number[];
  columns: Block[][];
}

export interface ListBlock {
  type: 'list';
  marker: 'number' | 'dash';
  items: Run[][];
}

export interface TableCell {
  text: string;
  bold?: boolean;
  align?: Align;
  colSpan?: number;
  rowSpan?: number;
}

/** A ruled table; `head` rows repeat on each PDF page; widths are fractions of the text width. */
export interface TableBlock {
  type: 'table';
  widths: number[];
  head: TableCell[][];
  body: TableCell[][];
  size?: TextSize;
}

/** A QR code of `text` with its caption beside it (the receipt's lookup). */
export interface QrBlock {
  type: 'qr';
  text: string;
  caption: Run[];
}

/** Room left empty (for a handwritten signature). */
export interface SpaceBlock {
  type: 'space';
  lines: number;
}

/** A boxed line above the form (a draft, a cancelled letter). */
export interface BannerBlock {
  type: 'banner';
  text: string;
}

export type Block =
  ParagraphBlock | TitleBlock | ColumnsBlock | ListBlock | TableBlock | QrBlock | SpaceBlock | BannerBlock;

export interface FormModel {
  /** The form code (`TT01_2018.M01`), written as `data-form` in HTML and as the PDF's subject. */
  formCode: string;
  /** The document title (HTML <title>, PDF Title). */
  title: string;
  page: { size: 'A4' | 'A5'; landscape: boolean };
  /** The instant stamped as the PDF's creation date: the form's own date, so the bytes depend on the view only. */
  stampedAt: string | null;
  /** Extra `data-*` attributes of the HTML page (e.g. the apology's status). */
  data: Record<string, string>;
  blocks: Block[];
}

// ---------------------------------------------------------------- builders the templates share

export const SHORT_DOTS = '…………';
export const LONG_DOTS = '……………………………………';

export const t = (text: string, style: Omit<Run, 'text'> = {}): Run => ({ text, ...style });
export const b = (text: string): Run => ({ text, bold: true });
export const i = (text: string): Run => ({ text, italic: true });
export const blank = (width: 'short' | 'long' = 'long'): Run => ({
  text: width === 'short' ? SHORT_DOTS : LONG_DOTS,
  blank: true,
});

/** The value, or a dotted line when the data has none. */
export function val(
  text: string | number | null | undefined,
  width: 'short' | 'long' = 'long',
  style: Omit<Run, 'text'> = {},
): Run {
  if (text === null || text === undefined || String(text).trim() === '') return blank(width);
  return { text: String(text), ...style };
}

export const para = (runs: Run[], extra: Omit<ParagraphBlock, 'type' | 'runs'> = {}): ParagraphBlock => ({
  type: 'paragraph',
  runs,
  ...extra,
});

/** The text a cell shows for a value, dotted when missing. */
export const cellText = (text: string | number | null | undefined): string =>
  text === null || text === undefined || String(text).trim() === '' ? SHORT_DOTS : String(text);
