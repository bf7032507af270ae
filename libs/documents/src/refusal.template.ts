/** Mẫu 03 (domain.md §4.3): Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
import { type Block, type FormModel, b, para, t, val } from './document.model';
import type { RefusalView } from './form-views';
import { a5Form, applicantLines, formHeader, signaturesBlock, titleBlock } from './form-parts';

export function refusalModel(v: RefusalView): FormModel {
  const code = v.header.formCode;
  const blocks: Block[] = [
    ...formHeader(v.header),
    titleBlock(code, [[t('Mã hồ sơ: '), b(v.dossierCode)]]),
    para([b(v.desk)]),
    para([t('Tiếp nhận hồ sơ của: '), b(v.applicant.name)]),
    ...applicantLines(v.applicant),
    para([t('Nội dung yêu cầu giải quyết: '), val(v.procedureName)]),
    para(
      [
        t(
          `Qua xem xét, ${v.desk} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: `,
        ),
        val(v.reason),
      ],
      { indent: true },
    ),
    para([t('Xin thông báo cho Ông/Bà được biết và thực hiện./.')], { indent: true }),
    signaturesBlock(v.signatures),
  ];
  return a5Form(code, v.dossierCode, v.header.date, blocks);
}
