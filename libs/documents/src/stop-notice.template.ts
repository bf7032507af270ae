/**
 * TT 03/2025 Mẫu 05 (domain.md §4.7): Thông báo dừng giải quyết hồ sơ. Its official fields are not known [?]: it
 * carries the elements the other notices share (addressee, receipt, code) and the stop's instant and reason.
 */
import { type Block, type FormModel, b, para, t, val } from './document.model';
import type { StopNoticeView } from './form-views';
import { a5Form, applicantLines, formHeader, signaturesBlock, titleBlock } from './form-parts';
import { dateWords, timeDateWords } from './vi-format';

const ONG_BA = 'Ông/Bà/Tổ chức';

export function stopNoticeModel(v: StopNoticeView): FormModel {
  const code = v.header.formCode;
  const issuer = v.header.issuer;
  const received = dateWords(v.receivedAt);
  const blocks: Block[] = [
    ...formHeader(v.header),
    titleBlock(code, [[t('Mã hồ sơ: '), b(v.dossierCode)]]),
    para([t('Kính gửi: '), b(v.applicant.name)]),
    ...applicantLines(v.applicant),
    para(
      [
        t(
          `${received.charAt(0).toLocaleUpperCase('vi')}${received.slice(1)}, ${issuer} tiếp nhận hồ sơ đề nghị `,
        ),
        val(v.procedureName),
        t(` của ${ONG_BA}.`),
      ],
      { indent: true },
    ),
    para([t('Mã hồ sơ: '), b(v.dossierCode), t('.')], { indent: true }),
    para(
      [
        t(`${issuer} thông báo dừng giải quyết hồ sơ của ${ONG_BA} kể từ `),
        b(timeDateWords(v.stoppedAt)),
        t(', lý do: '),
        val(v.reason),
        t('.'),
      ],
      { indent: true },
    ),
    para([t(`Xin thông báo để ${ONG_BA} được biết./.`)], { indent: true }),
    signaturesBlock([v.signature]),
  ];
  return a5Form(code, v.dossierCode, v.header.date ?? v.stoppedAt, blocks);
}
