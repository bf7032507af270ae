/** The titles of the forms (mẫu) by form code (domain.md §0.2, §4): TT 03/2025 renames Mẫu 04 and renumbers 05–07. */
const RECEIPT = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
const SUPPLEMENT = 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ';
const REFUSAL = 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ';
const CONTROL_SHEET = 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ';
const LEDGER = 'SỔ THEO DÕI HỒ SƠ';

export const FORM_TITLES: Readonly<Record<string, string>> = Object.freeze({
  'TT01_2018.M01': RECEIPT,
  'TT01_2018.M02': SUPPLEMENT,
  'TT01_2018.M03': REFUSAL,
  'TT01_2018.M04': 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
  'TT01_2018.M05': CONTROL_SHEET,
  'TT01_2018.M06': LEDGER,
  'TT03_2025.M01': RECEIPT,
  'TT03_2025.M02': SUPPLEMENT,
  'TT03_2025.M03': REFUSAL,
  'TT03_2025.M04': 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
  'TT03_2025.M05': 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
  'TT03_2025.M06': CONTROL_SHEET,
  'TT03_2025.M07': LEDGER,
});

/** The title of a form code; an unknown code is shown as itself rather than under another form's title. */
export function formTitle(code: string): string {
  return FORM_TITLES[code] ?? code;
}

/** "Mẫu số 05" for `TT01_2018.M05`; null for a code that is not of the form `<circular>.M<nn>`. */
export function formNumberLabel(code: string): string | null {
  const m = /\.M(\d{2})$/.exec(code);
  return m ? `Mẫu số ${m[1]}` : null;
}

/** TT 03/2025 Mẫu 04 asks for an extension of the processing time; TT 01/2018 Mẫu 04 re-appoints the return. */
export function asksExtension(formCode: string): boolean {
  return formCode.startsWith('TT03_2025.');
}

/** §4 gives the suffixes of TT 01/2018 (…/TNHS, /HDHS, /TCHS, /PXL); TT 03/2025's are not known, so none is printed. */
const SUFFIXES: Readonly<Record<string, string>> = Object.freeze({
  'TT01_2018.M01': 'TNHS',
  'TT01_2018.M02': 'HDHS',
  'TT01_2018.M03': 'TCHS',
  'TT01_2018.M04': 'PXL',
});

/** The number suffix of a form when the regime gives one; null when it is not known (domain.md §4). */
export function numberSuffix(formCode: string): string | null {
  return SUFFIXES[formCode] ?? null;
}
