/** The titles of the forms (mẫu) by form code (domain.md §0.2, §4): the 2018 and 2025 regimes name Mẫu 04 differently. */
export const FORM_TITLES: Readonly<Record<string, string>> = Object.freeze({
  'TT01_2018.M04': 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
  'TT03_2025.M04': 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
});

/** The title of a form code; an unknown code is shown as itself rather than under another form's title. */
export function formTitle(code: string): string {
  return FORM_TITLES[code] ?? code;
}

/** TT 03/2025 Mẫu 04 asks for an extension of the processing time; TT 01/2018 Mẫu 04 re-appoints the return. */
export function asksExtension(formCode: string): boolean {
  return formCode.startsWith('TT03_2025.');
}

/** The number suffix of a form when the regime gives one (TT01 Mẫu 04: …/PXL); TT03's is not known (domain.md §4.4). */
export function numberSuffix(formCode: string): string | null {
  return formCode === 'TT01_2018.M04' ? 'PXL' : null;
}
