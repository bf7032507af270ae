import type { ApologyLetterView } from '@motcua/contracts';
import { apologyNotice } from './apology-notice';
import { renderApologyLetter } from './apology-letter';

/** An issued TT 01/2018 letter of a dossier received Mon 03/03/2025, due Mon 17/03 08:30. */
const issued: ApologyLetterView = {
  dossierCode: 'H57.12-250303-0001',
  status: 'issued',
  classification: 'on_time',
  apologyStatus: 'issued_on_time',
  deadline: '2025-03-14T17:00:00+07:00',
  form: { code: 'TT01_2018.M04', title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', ruleSet: 'ND61_2018' },
  parentAgency: null,
  issuer: { code: 'LDTBXH', name: 'Sở Lao động – Thương binh và Xã hội' },
  number: null,
  place: null,
  addressee: { name: 'Nguyễn Văn An', address: null, phone: '0912345678', email: null },
  receivedAt: '2025-03-03T08:30:00+07:00',
  procedure: { code: '1.014199', name: 'Cấp giấy phép lao động' },
  dueAt: '2025-03-17T08:30:00+07:00',
  reason: 'Chờ kết quả xác minh <của> cơ quan phối hợp',
  suggestedReason: null,
  newDueAt: '2025-03-24T17:00:00+07:00',
  rescheduledDueAt: '2025-03-24T17:00:00+07:00',
  copiesTo: ['Như trên', 'Bộ phận Một cửa', 'Lưu: VT, VLATLD'],
  signer: { label: 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC', name: 'Lê Văn C' },
  responsibleUnit: { code: 'LDTBXH.VLATLD', name: 'Phòng Việc làm – An toàn lao động' },
  draftedAt: null,
  issuedAt: '2025-03-13T10:00:00+07:00',
  reappointmentMet: null,
  htmlUrl: '/api/v1/dossiers/H57.12-250303-0001/apology.html',
};

/** The visible text of the body, tags removed and whitespace folded. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*<\/style>/, '')
    .replace(/<\/?(span|b)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('renderApologyLetter (Mẫu 04, domain.md §4.4)', () => {
  it('renders an issued TT 01/2018 letter with every field the dossier fills', () => {
    const html = renderApologyLetter(issued);
    const text = textOf(html);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="vi">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('data-form="TT01_2018.M04"');
    for (const part of [
      'Sở Lao động – Thương binh và Xã hội',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ngày 13 tháng 03 năm 2025',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Kính gửi: Nguyễn Văn An',
      'Số điện thoại: 0912345678',
      'Ngày 03 tháng 03 năm 2025, Sở Lao động – Thương binh và Xã hội tiếp nhận giải quyết hồ sơ đề nghị Cấp giấy phép lao động',
      'Mã hồ sơ: H57.12-250303-0001',
      'Thời hạn trả kết quả giải quyết hồ sơ: 08 giờ 30 phút, ngày 17 tháng 03 năm 2025',
      'lý do: Chờ kết quả xác minh &lt;của&gt; cơ quan phối hợp.',
      'Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà/Tổ chức.',
      'sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà/Tổ chức vào ngày 24 tháng 03 năm 2025',
      'Xin trân trọng cảm ơn./.',
      'Nơi nhận: - Như trên; - Bộ phận Một cửa; - Lưu: VT, VLATLD.',
      'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
      '(Ký, ghi rõ họ tên và đóng dấu)',
      'Lê Văn C',
    ])
      expect(text).toContain(part);
    // No number, place or address in the data: dotted lines to fill by hand, the suffix of the form kept.
    expect(text).toContain('Số: …………/PXL');
    expect(text).toMatch(/Địa chỉ: …+/);
    expect(text).toMatch(/Email: …+/);
    expect(html).not.toContain('DỰ THẢO');
    // Escaped, never markup.
    expect(html).not.toContain('<của>');
  });

  it('renders a TT 03/2025 draft: its own title, an extension asked for, and blanks for what is not decided', () => {
    const draft: ApologyLetterView = {
      ...issued,
      status: 'drafted',
      classification: null,
      form: {
        code: 'TT03_2025.M04',
        title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
        ruleSet: 'ND118_2025',
      },
      parentAgency: { code: 'LDTBXH', name: 'Sở Lao động – Thương binh và Xã hội' },
      issuer: { code: 'LDTBXH.MC', name: 'Bộ phận Một cửa' },
      reason: null,
      suggestedReason: 'bước “Tiếp nhận” tại Bộ phận Một cửa đã quá thời gian quy định',
      signer: { label: 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ', title: 'TRƯỞNG BỘ PHẬN', name: null },
      issuedAt: null,
    };
    const html = renderApologyLetter(draft);
    const text = textOf(html);
    expect(html).toContain('data-form="TT03_2025.M04"');
    expect(text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(text).toContain('DỰ THẢO – chờ ký ban hành');
    expect(text).toContain('đề nghị gia hạn thời gian giải quyết hồ sơ đến ngày 24 tháng 03 năm 2025');
    // The parent body above the issuing unit; the date, the reason and the signer's name are written by hand.
    expect(text).toContain('Sở Lao động – Thương binh và Xã hội Bộ phận Một cửa Số: …………');
    expect(text).toContain('ngày …… tháng …… năm ……');
    expect(text).toMatch(/lý do: …+\./);
    expect(text).not.toContain('đã quá thời gian quy định');
    expect(text).toMatch(/TRƯỞNG BỘ PHẬN \(Ký, ghi rõ họ tên và đóng dấu\) …+/);
    // TT 03/2025 gives no number suffix that is known: nothing is invented.
    expect(text).not.toContain('/PXL');
  });
});

describe('apologyNotice (§5.4 step 5)', () => {
  it('says who sends which letter for which dossier, and the new date', () => {
    expect(apologyNotice(issued)).toEqual({
      subject:
        'Sở Lao động – Thương binh và Xã hội gửi Ông/Bà phiếu xin lỗi và hẹn lại ngày trả kết quả – hồ sơ H57.12-250303-0001',
      text: [
        'Kính gửi Ông/Bà Nguyễn Văn An,',
        '',
        'Sở Lao động – Thương binh và Xã hội gửi Ông/Bà phiếu xin lỗi và hẹn lại ngày trả kết quả đối với hồ sơ H57.12-250303-0001 (Cấp giấy phép lao động) theo tệp đính kèm.',
        'Ngày hẹn trả kết quả mới: ngày 24 tháng 03 năm 2025.',
        '',
        'Xin trân trọng cảm ơn.',
        '',
      ].join('\n'),
      filename: 'mau-04-H57.12-250303-0001.html',
    });
  });
});
