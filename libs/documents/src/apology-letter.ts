/**
 * Mẫu 04 (domain.md §4.4): TT 01/2018 "Phiếu xin lỗi và hẹn lại ngày trả kết quả", TT 03/2025 "Văn bản xin lỗi và
 * đề nghị gia hạn thời gian giải quyết", rendered in Vietnamese from the letter's view. Pure: a string from data.
 * Every blank the data cannot fill is a dotted line to write by hand; nothing is invented.
 */
import type { ApologyLetterView } from '@motcua/contracts';
import { asksExtension, formTitle, numberSuffix } from './forms';
import { dots, escapeHtml, filled, gioNgay, ngayThangNam } from './html';

const ONG_BA = 'Ông/Bà/Tổ chức';

const STYLE = `
  body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.45; margin: 0; }
  .page { max-width: 148mm; margin: 12mm auto; padding: 0 8mm; }
  table.head, table.foot { width: 100%; border-collapse: collapse; }
  table.head td, table.foot td { vertical-align: top; text-align: center; width: 50%; padding: 0; }
  .upper { text-transform: uppercase; }
  .bold { font-weight: bold; }
  .motto { font-weight: bold; text-decoration: underline; }
  .place { font-style: italic; }
  h1 { font-size: 14pt; text-align: center; margin: 14pt 0 10pt; }
  p { margin: 4pt 0; text-align: justify; }
  .dots { letter-spacing: 1px; }
  .cc { text-align: left; font-size: 11pt; }
  .cc b { font-style: italic; font-size: 12pt; }
  .hint { font-style: italic; font-size: 11pt; }
  .banner { text-align: center; font-weight: bold; border: 1px dashed #888; padding: 4pt; margin-bottom: 8pt; }
`;

/** What a letter that is not issued says above it. */
function banner(status: ApologyLetterView['status']): string {
  switch (status) {
    case 'issued':
      return '';
    case 'drafted':
      return '<div class="banner">DỰ THẢO – chờ ký ban hành</div>';
    case 'due':
      return '<div class="banner">DỰ THẢO – xem trước (hệ thống chưa lập)</div>';
    case 'cancelled':
      return '<div class="banner">DỰ THẢO ĐÃ HỦY – hồ sơ không còn phải xin lỗi</div>';
  }
}

/** The whole letter as a standalone HTML document (UTF-8). */
export function renderApologyLetter(letter: ApologyLetterView): string {
  const issued = letter.status === 'issued';
  const issuer = escapeHtml(letter.issuer.name);
  const suffix = numberSuffix(letter.form.code);
  const number = `Số: ${filled(letter.number, 'short')}${suffix ? `/${suffix}` : ''}`;
  const dateLine = `${filled(letter.place, 'short')}, ${ngayThangNam(issued ? letter.issuedAt : null)}`;
  const a = letter.addressee;
  const promise = asksExtension(letter.form.code)
    ? `${issuer} xin lỗi ${ONG_BA} và đề nghị gia hạn thời gian giải quyết hồ sơ đến ${ngayThangNam(letter.newDueAt)}.`
    : `${issuer} xin lỗi ${ONG_BA} và sẽ trả kết quả giải quyết hồ sơ cho ${ONG_BA} vào ${ngayThangNam(letter.newDueAt)}.`;
  const cc = letter.copiesTo.map(
    (c, i) => `- ${escapeHtml(c)}${i === letter.copiesTo.length - 1 ? '.' : ';'}`,
  );
  const signerName = issued ? filled(letter.signer.name) : dots();
  const title = escapeHtml(formTitle(letter.form.code));
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${title} – ${escapeHtml(letter.dossierCode)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="page" data-form="${escapeHtml(letter.form.code)}" data-status="${letter.status}">
${banner(letter.status)}
<table class="head"><tr>
<td>${letter.parentAgency ? `<div class="upper">${escapeHtml(letter.parentAgency.name)}</div>` : ''}<div class="upper bold">${issuer}</div><div>${number}</div></td>
<td><div class="bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="motto">Độc lập - Tự do - Hạnh phúc</div><div class="place">${dateLine}</div></td>
</tr></table>
<h1>${title}</h1>
<p>Kính gửi: <b>${escapeHtml(a.name)}</b></p>
<p>Địa chỉ: ${filled(a.address)}</p>
<p>Số điện thoại: ${filled(a.phone, 'short')}; Email: ${filled(a.email, 'short')}</p>
<p>${ngayThangNam(letter.receivedAt).replace(/^n/, 'N')}, ${issuer} tiếp nhận giải quyết hồ sơ đề nghị ${filled(letter.procedure.name)} của ${ONG_BA}.</p>
<p>Mã hồ sơ: <b>${escapeHtml(letter.dossierCode)}</b>.</p>
<p>Thời hạn trả kết quả giải quyết hồ sơ: ${gioNgay(letter.dueAt)}.</p>
<p>Tuy nhiên đến nay, ${issuer} chưa trả kết quả giải quyết hồ sơ của ${ONG_BA}, lý do: ${filled(letter.reason)}.</p>
<p>Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của ${ONG_BA}. ${promise}</p>
<p>Xin trân trọng cảm ơn./.</p>
<table class="foot"><tr>
<td class="cc"><b>Nơi nhận:</b><br>${cc.join('<br>')}</td>
<td><div class="upper bold">${escapeHtml(letter.signer.title)}</div><div class="hint">(Ký, ghi rõ họ tên và đóng dấu)</div><br><br><br><div class="bold">${signerName}</div></td>
</tr></table>
</div>
</body>
</html>
`;
}
