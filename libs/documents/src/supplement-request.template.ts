/** Mẫu 02 (domain.md §4.2): Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
import { type Block, type FormModel, b, blank, para, t, val } from './document.model';
import type { SupplementRequestView } from './form-views';
import { a5Form, applicantLines, formHeader, signaturesBlock, titleBlock } from './form-parts';

export function supplementRequestModel(v: SupplementRequestView): FormModel {
  const code = v.header.formCode;
  const items: Block = {
    type: 'list',
    marker: 'number',
    items: v.items.length > 0 ? v.items.map((item) => [t(item)]) : [[blank()], [blank()], [blank()]],
  };
  const blocks: Block[] = [
    ...formHeader(v.header),
    titleBlock(code, [[t('Mã hồ sơ: '), b(v.dossierCode)]]),
    para([b(v.desk)]),
    para([t('Tiếp nhận hồ sơ của Ông/Bà: '), b(v.applicant.name)]),
    para([t('Nội dung yêu cầu giải quyết: '), val(v.procedureName)]),
    ...applicantLines(v.applicant),
    para([t('Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:')]),
    items,
    para([t('Lý do: '), val(v.reason)]),
    para(
      [
        t('Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với '),
        val(v.contact.unit),
        t(' số điện thoại '),
        val(v.contact.phone, 'short'),
        t(' để được hướng dẫn./.'),
      ],
      { indent: true },
    ),
    signaturesBlock([v.signature]),
  ];
  return a5Form(code, v.dossierCode, v.header.date, blocks);
}
