// Synthetic applicants and free-text for the demo events: plausible Vietnamese, all invented.
import type { Rng } from './prng';

const FAMILY: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Huỳnh', 5],
  ['Hoàng', 3],
  ['Phan', 4.5],
  ['Võ', 4],
  ['Vũ', 2],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Ngọc', 'Hoàng', 'Tấn'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Bích', 'Hồng', 'Thùy', 'Phương'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hiếu', 'Hùng', 'Khoa', 'Long', 'Nam', 'Phong'];
const GIVEN_M2 = ['Phúc', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Trung', 'Tuấn', 'Vinh', 'Việt', 'Toàn'];
const GIVEN_F = ['Anh', 'Châu', 'Dung', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nga'];
const GIVEN_F2 = ['Ngân', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Tâm', 'Thảo', 'Trang', 'Vân', 'Yến'];

const STREETS = [
  'Ấp Bắc',
  'Lê Lợi',
  'Hùng Vương',
  'Nguyễn Trãi',
  'Trần Hưng Đạo',
  'Nam Kỳ Khởi Nghĩa',
  '30/4',
];
const WARDS = [
  'Phường 1',
  'Phường 4',
  'Phường 6',
  'Phường 10',
  'Xã Đạo Thạnh',
  'Xã Tân Mỹ Chánh',
  'Xã Trung An',
];
const DISTRICTS = ['TP. Mỹ Tho', 'TX. Gò Công', 'TX. Cai Lậy', 'Huyện Châu Thành', 'Huyện Chợ Gạo'];

const COMPANY_KIND = ['Công ty TNHH', 'Công ty Cổ phần', 'Công ty TNHH MTV', 'Doanh nghiệp tư nhân'];
const COMPANY_NAME = [
  'May mặc Phú Thành',
  'Chế biến Thủy sản Sông Tiền',
  'Điện tử Việt Nhật',
  'Cơ khí Tân Phước',
  'Thực phẩm Mekong Xanh',
  'Dịch vụ Nhân lực Miền Tây',
  'Giày da Hưng Phát',
  'Logistics Cửu Long',
  'Xây dựng Trường Sơn',
  'Nông sản Vàng',
  'Nhựa Đông Á',
  'Bao bì Thành Công',
];

/** Procedures an individual (not an organisation) applies for; everything else gets a company as applicant. */
export const INDIVIDUAL = new Set([
  '2.002307',
  '1.014359',
  'EX.001',
  'EX.002',
  'EX.003',
  'EX.004',
  'EX.005',
  '1.014748',
  'EX.019',
  '1.014747',
  '1.115480',
  '2.000286',
  '2.000282',
  '1.014750',
]);

const DOCS_PERSON = [
  'Tờ khai đề nghị',
  'Bản sao Căn cước công dân',
  'Giấy xác nhận của UBND cấp xã',
  'Bản sao giấy chứng tử',
  'Quyết định nghỉ việc',
  'Sổ bảo hiểm xã hội',
  'Ảnh 3x4',
];
const DOCS_ORG = [
  'Văn bản đề nghị',
  'Giấy chứng nhận đăng ký doanh nghiệp',
  'Lý lịch tư pháp',
  'Giấy chứng nhận sức khỏe',
  'Bản sao hộ chiếu',
  'Văn bằng, chứng chỉ',
  'Ảnh màu 4x6',
  'Phương án hoạt động',
];

export const SUPPLEMENT_REASONS = [
  'Thiếu bản sao có chứng thực văn bằng chuyên môn',
  'Giấy xác nhận của UBND cấp xã chưa ghi rõ thời gian tham gia',
  'Lý lịch tư pháp đã quá 6 tháng kể từ ngày cấp',
  'Tờ khai chưa có chữ ký của người đề nghị',
  'Thông tin trên giấy chứng nhận sức khỏe không khớp với hộ chiếu',
];
export const REFUSAL_REASONS = [
  'Thủ tục không thuộc thẩm quyền giải quyết của Sở; hướng dẫn nộp tại UBND cấp huyện',
  'Đối tượng không thuộc diện áp dụng của thủ tục',
  'Hồ sơ đề nghị đã được giải quyết trước đó',
];
export const APOLOGY_REASONS = [
  'Cần xác minh thêm thông tin với cơ quan liên quan',
  'Chờ ý kiến thẩm định của đơn vị phối hợp',
  'Số lượng hồ sơ tăng đột biến trong kỳ',
  'Lãnh đạo Sở đi công tác, chưa ký duyệt kịp',
];
export const WITHDRAW_REASONS = [
  'Công dân có đơn xin rút hồ sơ',
  'Doanh nghiệp đề nghị rút hồ sơ để bổ sung phương án',
];
export const STOP_REASONS = [
  'Dừng giải quyết theo đề nghị của cơ quan điều tra',
  'Đối tượng đã chết trong thời gian giải quyết',
];
export const COMMENTS_GOOD = ['Cán bộ hướng dẫn nhiệt tình', 'Trả kết quả sớm hơn hẹn', 'Thủ tục nhanh gọn'];
export const COMMENTS_BAD = ['Trả kết quả trễ hẹn', 'Phải bổ sung giấy tờ nhiều lần', 'Chờ đợi lâu'];

const digits = (r: Rng, n: number): string => Array.from({ length: n }, () => r.int(0, 9)).join('');

export interface Applicant {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  email?: string;
}

export interface DocumentItem {
  name: string;
  digitized?: boolean;
  reused?: boolean;
}

/** An applicant for a procedure: a person (with a 12-digit citizen ID) or an organisation (10-digit tax code). */
export function applicantFor(r: Rng, procedureCode: string, channel: string): Applicant {
  const address = `Số ${r.int(1, 250)} đường ${r.pick(STREETS)}, ${r.pick(WARDS)}, ${r.pick(DISTRICTS)}, tỉnh Tiền Giang`;
  const phone = `0${r.pick(['90', '91', '93', '97', '98', '86', '70', '77'])}${digits(r, 7)}`;
  let a: Applicant;
  if (INDIVIDUAL.has(procedureCode)) {
    const male = r.chance(0.5);
    const given = male
      ? r.pick(r.chance(0.5) ? GIVEN_M : GIVEN_M2)
      : r.pick(r.chance(0.5) ? GIVEN_F : GIVEN_F2);
    const name = `${r.weighted(FAMILY)} ${r.pick(male ? MIDDLE_M : MIDDLE_F)} ${given}`;
    a = { name, idNumber: `082${r.int(0, 1)}${digits(r, 8)}`, phone, address };
  } else {
    a = {
      name: `${r.pick(COMPANY_KIND)} ${r.pick(COMPANY_NAME)}`,
      idNumber: `1200${digits(r, 6)}`,
      phone,
      address,
    };
  }
  if (channel === 'online' || r.chance(0.3)) a.email = `hoso${digits(r, 6)}@example.vn`;
  const nfc = (x: string): string => x.normalize('NFC');
  const out: Applicant = {
    name: nfc(a.name),
    idNumber: nfc(a.idNumber),
    phone: nfc(a.phone),
    address: nfc(a.address),
  };
  if (a.email !== undefined) out.email = nfc(a.email);
  return out;
}

/** Documents of a dossier: online ones are electronic from the start, paper ones get digitised at the desk. */
export function documentsFor(r: Rng, procedureCode: string, channel: string): DocumentItem[] {
  const pool = INDIVIDUAL.has(procedureCode) ? DOCS_PERSON : DOCS_ORG;
  const n = r.int(2, Math.min(6, pool.length));
  const start = r.int(0, pool.length - 1);
  const docs: DocumentItem[] = [];
  for (let i = 0; i < n; i++) {
    const name = pool[(start + i) % pool.length];
    const d: DocumentItem = { name: name.normalize('NFC') };
    if (channel === 'online') d.digitized = true;
    // Identity and business-registration papers are often reused from the data repository (kho dữ liệu).
    if (/Căn cước|đăng ký doanh nghiệp/.test(name) && r.chance(0.45)) d.reused = true;
    docs.push(d);
  }
  return docs;
}
