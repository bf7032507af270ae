/**
 * Mẫu 04 (domain.md §4.4): TT 01/2018 "Phiếu xin lỗi và hẹn lại ngày trả kết quả", TT 03/2025 "Văn bản xin lỗi và
 * đề nghị gia hạn thời gian giải quyết". Every blank the data cannot fill is a dotted line; nothing is invented.
 */
import type { ApologyLetterView } from '@motcua/contracts';
import { type Block, type FormModel, b, para, t, val } from './document.model';
import { a5Form, headerBlock, signatureColumn, titleBlock } from './form-parts';
import { asksExtension } from './forms';
import { dateWords, timeDateWords } from './vi-format';

const ONG_BA = 'Ông/Bà/Tổ chức';
const SEAL_HINT = '(Ký, ghi rõ họ tên và đóng dấu)';

/** What a letter that is not issued says above it. */
function banner(status: ApologyLetterView['status']): Block[] {
  switch (status) {
    case 'issued':
      return [];
    case 'drafted':
      return [{ type: 'banner', text: 'DỰ THẢO – chờ ký ban hành' }];
    case 'due':
      return [{ type: 'banner', text: 'DỰ THẢO – xem trước (hệ thống chưa lập)' }];
    case 'cancelled':
      return [{ type: 'banner', text: 'DỰ THẢO ĐÃ HỦY – hồ sơ không còn phải xin lỗi' }];
  }
}

export function apologyModel(letter: ApologyLetterView): FormModel {
  const issued = letter.status === 'issued';
  const issuer = letter.issuer.name;
  const code = letter.form.code;
  const a = letter.addressee;
  const received = dateWords(letter.receivedAt);
  // The new date stays plain text: the letter's readers (and mails already sent) quote the sentence whole.
  const promise = asksExtension(code)
    ? `${issuer} xin lỗi ${ONG_BA} và đề nghị gia hạn thời gian giải quyết hồ sơ đến ${dateWords(letter.newDueAt)}`
    : `${issuer} xin lỗi ${ONG_BA} và sẽ trả kết quả giải quyết hồ sơ cho ${ONG_BA} vào ${dateWords(letter.newDueAt)}`;
  const copies: Block[] = [
    para([{ text: 'Nơi nhận:', bold: true, italic: true }], { size: 'small' }),
    ...letter.copiesTo.map((c, n) =>
      para([t(`- ${c}${n === letter.copiesTo.length - 1 ? '.' : ';'}`)], { size: 'small' }),
    ),
  ];
  const blocks: Block[] = [
    ...banner(letter.status),
    ...headerBlock({
      formCode: code,
      parentAgency: letter.parentAgency?.name ?? null,
      issuer,
      number: letter.number,
      place: letter.place,
      date: issued ? letter.issuedAt : null,
    }),
    titleBlock(code),
    para([t('Kính gửi: '), b(a.name)]),
    para([t('Địa chỉ: '), val(a.address)]),
    para([t('Số điện thoại: '), val(a.phone, 'short'), t('; Email: '), val(a.email, 'short')]),
    para(
      [
        t(
          `${received.charAt(0).toLocaleUpperCase('vi')}${received.slice(1)}, ${issuer} tiếp nhận giải quyết hồ sơ đề nghị `,
        ),
        val(letter.procedure.name),
        t(` của ${ONG_BA}.`),
      ],
      { indent: true },
    ),
    para([t('Mã hồ sơ: '), b(letter.dossierCode), t('.')], { indent: true }),
    para([t('Thời hạn trả kết quả giải quyết hồ sơ: '), t(timeDateWords(letter.dueAt)), t('.')], {
      indent: true,
    }),
    para(
      [
        t(`Tuy nhiên đến nay, ${issuer} chưa trả kết quả giải quyết hồ sơ của ${ONG_BA}, lý do: `),
        val(letter.reason),
        t('.'),
      ],
      { indent: true },
    ),
    para(
      [t(`Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của ${ONG_BA}. `), t(`${promise}.`)],
      {
        indent: true,
      },
    ),
    para([t('Xin trân trọng cảm ơn./.')], { indent: true }),
    {
      type: 'columns',
      widths: [0.45, 0.55],
      columns: [
        copies,
        signatureColumn([letter.signer.title], issued ? letter.signer.name : null, SEAL_HINT),
      ],
    },
  ];
  return a5Form(code, letter.dossierCode, issued ? letter.issuedAt : letter.draftedAt, blocks, {
    status: letter.status,
  });
}
