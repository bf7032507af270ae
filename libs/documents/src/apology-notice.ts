/** The message that carries an issued apology letter to the applicant (§5.4 step 5): subject and plain text. */
import type { ApologyLetterView } from '@motcua/contracts';
import { asksExtension, formTitle } from './forms';
import { ngayThangNam } from './html';

export interface LetterNotice {
  subject: string;
  text: string;
  /** The attachment's file name, e.g. `mau-04-H57.12-250303-0001.html`. */
  filename: string;
}

/** "#TenDonVi gửi ông bà phiếu xin lỗi và hẹn lại ngày trả kết quả theo tệp đính kèm" (Thanh Hóa practice, §5.4). */
export function apologyNotice(letter: ApologyLetterView): LetterNotice {
  const what = formTitle(letter.form.code).toLocaleLowerCase('vi');
  const when = asksExtension(letter.form.code)
    ? `Thời hạn giải quyết đề nghị gia hạn đến: ${ngayThangNam(letter.newDueAt)}.`
    : `Ngày hẹn trả kết quả mới: ${ngayThangNam(letter.newDueAt)}.`;
  const procedure = letter.procedure.name ? ` (${letter.procedure.name})` : '';
  return {
    subject: `${letter.issuer.name} gửi Ông/Bà ${what} – hồ sơ ${letter.dossierCode}`,
    text: [
      `Kính gửi Ông/Bà ${letter.addressee.name},`,
      '',
      `${letter.issuer.name} gửi Ông/Bà ${what} đối với hồ sơ ${letter.dossierCode}${procedure} theo tệp đính kèm.`,
      when,
      '',
      'Xin trân trọng cảm ơn.',
      '',
    ].join('\n'),
    filename: `mau-04-${letter.dossierCode.replace(/[^A-Za-z0-9._-]/g, '_')}.html`,
  };
}
