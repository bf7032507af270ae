/** Mẫu 01 (domain.md §4.1): Giấy tiếp nhận hồ sơ và hẹn trả kết quả, with the lookup's QR code (field 18). */
import { type Block, type FormModel, b, blank, para, t, val } from './document.model';
import type { ReceiptView } from './form-views';
import { a5Form, applicantLines, formHeader, signaturesBlock, titleBlock } from './form-parts';
import { dong, timeDateWords } from './vi-format';

export function receiptModel(v: ReceiptView): FormModel {
  const code = v.header.formCode;
  const components: Block =
    v.components.length > 0
      ? { type: 'list', marker: 'number', items: v.components.map((c) => [t(c.name)]) }
      : { type: 'list', marker: 'number', items: [[blank()], [blank()], [blank()]] };
  const blocks: Block[] = [
    ...formHeader(v.header),
    titleBlock(code, [[t('Mã hồ sơ: '), b(v.dossierCode)]]),
    para([b(v.desk)]),
    para([t('Tiếp nhận hồ sơ của: '), b(v.applicant.name)]),
    ...applicantLines(v.applicant),
    para([t('Nội dung yêu cầu giải quyết: '), val(v.procedureName)]),
    para([t('1. Thành phần hồ sơ nộp gồm:')]),
    components,
    para([t('2. Số lượng hồ sơ: '), val(v.sets, 'short'), t(' (bộ)')]),
    para([t('3. Thời gian giải quyết hồ sơ theo quy định là: '), val(v.statutoryDuration)]),
    para([t('4. Thời gian nhận hồ sơ: '), t(timeDateWords(v.receivedAt))]),
    // The due date is the appointment the applicant holds: bold, or the form's blanks when none is set.
    para([
      t('5. Thời gian trả kết quả giải quyết hồ sơ: '),
      v.dueAt ? b(timeDateWords(v.dueAt)) : t(timeDateWords(null)),
    ]),
    para([t('6. Đăng ký nhận kết quả tại: '), val(v.returnChannel)]),
    para([t('Phí, lệ phí: '), v.fee === null ? blank('short') : t(dong(v.fee))]),
    para([
      t('Vào Sổ theo dõi hồ sơ, Quyển số: '),
      val(v.ledger.book, 'short'),
      t(', Số thứ tự: '),
      val(v.ledger.seq, 'short'),
    ]),
    signaturesBlock(v.signatures),
    {
      type: 'qr',
      text: v.lookup.url,
      caption: [t('Tra cứu hồ sơ tại '), b(v.lookup.url), t(' với mã tra cứu '), b(v.lookup.key), t('.')],
    },
  ];
  return a5Form(code, v.dossierCode, v.header.date ?? v.receivedAt, blocks);
}
