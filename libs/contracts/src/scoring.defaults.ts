import type { ScoringFile } from './scoring.schema';

/**
 * The points and thresholds config/scoring.json ships (a unit test keeps the two equal): what the scores use when a
 * configuration folder has no scoring.json.
 */
export const DEFAULT_SCORING: ScoringFile = {
  decision766: {
    source:
      'Quyết định 766/QĐ-TTg (23/06/2022); điểm và ngưỡng theo tài liệu công thức quốc gia và bộ công cụ của Thanh Hóa, Đắk Lắk (domain.md §7.3)',
    groups: {
      '1': 18,
      '2': 20,
      '3': 22,
      '4': 22,
      '5': 18,
    },
    criteria: {
      '1.1': {
        maxPoints: null,
        fullScoreAt: null,
      },
      '1.2': {
        maxPoints: null,
        fullScoreAt: null,
      },
      '1.3': {
        maxPoints: null,
        fullScoreAt: null,
      },
      '1.4': {
        maxPoints: 6,
        fullScoreAt: 100,
      },
      '2.1': {
        maxPoints: 20,
        fullScoreAt: 100,
      },
      '2.2': {
        maxPoints: 0,
        fullScoreAt: null,
      },
      '3.1': {
        maxPoints: 2,
        fullScoreAt: 80,
      },
      '3.2': {
        maxPoints: 4,
        fullScoreAt: 100,
      },
      '3.3': {
        maxPoints: 6,
        fullScoreAt: 50,
      },
      '3.4': {
        maxPoints: 2,
        fullScoreAt: 50,
      },
      '3.5': {
        maxPoints: 2,
        fullScoreAt: 80,
      },
      '3.6': {
        maxPoints: 6,
        fullScoreAt: 30,
      },
      '4.1': {
        maxPoints: 6,
        fullScoreAt: 100,
      },
      '4.2': {
        maxPoints: 4,
        fullScoreAt: 80,
      },
      '4.3': {
        maxPoints: 2,
        fullScoreAt: 80,
      },
      '4.4': {
        maxPoints: null,
        fullScoreAt: null,
      },
      '4.5': {
        maxPoints: null,
        fullScoreAt: null,
      },
      '5.1': {
        maxPoints: 5,
        fullScoreAt: null,
      },
      '5.2': {
        maxPoints: 5,
        fullScoreAt: null,
      },
      '5.3': {
        maxPoints: 2,
        fullScoreAt: null,
      },
      '5.4': {
        maxPoints: 6,
        fullScoreAt: 90,
      },
    },
  },
  circular01: {
    source:
      'Thông tư 01/2018/TT-VPCP, Điều 13; Nghị định 61/2018/NĐ-CP, Điều 31 (domain.md §7.4); ngưỡng cấp cơ quan là lựa chọn thiết kế',
    indices: {
      '1': {
        two: [
          {
            measure: 'onTimeRate',
            op: '>=',
            value: 100,
          },
        ],
        one: [
          {
            measure: 'onTimeRate',
            op: '>=',
            value: 90,
          },
        ],
        note: '2: không hồ sơ nào giải quyết quá thời gian quy định; 1: từ 90% hồ sơ đúng hoặc trước hạn; 0: dưới 90%',
      },
      '3': {
        two: [
          {
            measure: 'supplementRate',
            op: '<=',
            value: 10,
          },
          {
            measure: 'multipleSupplementRate',
            op: '<=',
            value: 0,
          },
        ],
        one: [
          {
            measure: 'multipleSupplementRate',
            op: '<=',
            value: 5,
          },
        ],
        note: '2: tối đa 10% hồ sơ phải bổ sung và không hồ sơ nào phải bổ sung quá một lần; 1: tối đa 5% hồ sơ phải bổ sung quá một lần',
      },
      '9': {
        two: [
          {
            measure: 'onlineProcedureShare',
            op: '>=',
            value: 20,
          },
          {
            measure: 'onlineSubmissionRate',
            op: '>=',
            value: 30,
          },
        ],
        one: [
          {
            measure: 'onlineProcedureShare',
            op: '>',
            value: 0,
          },
          {
            measure: 'onlineSubmissionRate',
            op: '>=',
            value: 15,
          },
        ],
        note: 'điều kiện “không có hồ sơ trực tuyến quá hạn” không được xét (chỉ số tổng hợp không tách hồ sơ trực tuyến quá hạn)',
      },
    },
  },
};
