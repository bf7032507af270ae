import type { AppConfig } from '@motcua/config';
import { apologySettingsSchema, type Principal } from '@motcua/contracts';
import type { DossierCodeSequences, EventStore } from '@motcua/database';
import type { DossierEventQueue } from '@motcua/queue';
import { readDossiers } from '../apology/dossier-record';
import type { CatalogueService } from '../catalogue/catalogue.service';
import { RecordEvents } from '../dossiers/record-events.use-case';
import { lookupKeyOf } from '../lookup/lookup-key';
import type { RulesProvider } from '../rules/rules.provider';
import {
  CATALOGUE_UNITS,
  FixedCatalogue,
  FixedClock,
  fixedRulesProvider,
  InMemoryCodeSequences,
  InMemoryEventStore,
  MC,
  RecordingQueue,
  VLATLD,
} from '../testing/in-memory.fakes';
import { calledForms } from './dossier-documents';
import {
  controlSheetViewOf,
  receiptViewOf,
  refusalViewOf,
  stopNoticeViewOf,
  supplementRequestViewOf,
  type FormContext,
} from './form-views.builder';

const admin: Principal = { username: 'admin', roles: ['admin'], units: ['*'] };
const SECRET = 'test-lookup-secret';
const ctx: FormContext & { config: Pick<AppConfig, 'apology' | 'documents'> } = {
  lookup: (code) => ({ key: lookupKeyOf(code, SECRET), url: `https://motcua.example/tra-cuu?code=${code}` }),
  apology: apologySettingsSchema.parse({}),
  config: { apology: apologySettingsSchema.parse({}), documents: { place: 'Mỹ Tho' } },
};

let n = 0;
const event = (code: string, type: string, occurredAt: string, data: Record<string, unknown> = {}) => ({
  id: `7a1c2a9e-3333-4c8e-9a3a-${String(++n).padStart(12, '0')}`,
  dossierCode: code,
  type,
  occurredAt,
  data,
});
const applicant = {
  name: 'Nguyễn Văn An',
  idNumber: '001085012345',
  phone: '0912345678',
  address: '12 Lê Lợi',
};
const received = (code: string, at: string) =>
  event(code, 'received', at, {
    procedureCode: 'P.1',
    channel: 'direct',
    applicant,
    documents: [{ name: 'Đơn đề nghị' }, { name: 'Bản sao CCCD' }],
  });
const forwarded = (code: string, at: string, fromUnit: string, toUnit: string) =>
  event(code, 'forwarded', at, { fromUnit, toUnit, method: 'paper' });

async function recordOf(now: string, ...events: Array<ReturnType<typeof event>>) {
  const store = new InMemoryEventStore();
  const clock = new FixedClock(Date.parse(now));
  const provider = fixedRulesProvider(undefined, CATALOGUE_UNITS) as unknown as RulesProvider;
  const config = {
    intake: { backdateAllowanceWorkingMinutes: 525_600, agencyCode: 'H57.12' },
    apology: apologySettingsSchema.parse({}),
  } as AppConfig;
  const intake = new RecordEvents(
    store as unknown as EventStore,
    new RecordingQueue() as unknown as DossierEventQueue,
    provider,
    clock,
    new FixedCatalogue() as unknown as CatalogueService,
    new InMemoryCodeSequences() as unknown as DossierCodeSequences,
    config,
  );
  for (const e of events) expect((await intake.logOne(e, admin)).status).toBe(202);
  const code = events[0].dossierCode;
  return (await readDossiers(store as unknown as EventStore, provider, [code], clock.now())).get(code)!;
}

describe('the views of the forms (domain.md §4)', () => {
  it('Mẫu 01: the desk issues it; the appointment given at reception; the lookup key; never the ID number', async () => {
    const r = await recordOf(
      '2025-03-04T11:00:00+07:00',
      received('D-1', '2025-03-03T08:30:00+07:00'),
      forwarded('D-1', '2025-03-03T10:00:00+07:00', MC, VLATLD),
      // The pause moves the due date; the receipt keeps the appointment it gave.
      event('D-1', 'supplement_requested', '2025-03-04T10:00:00+07:00', {
        reason: 'Thiếu',
        items: ['Giấy A'],
      }),
    );
    const view = receiptViewOf(r, ctx)!;
    expect(view).toMatchObject({
      header: {
        formCode: 'TT01_2018.M01',
        issuer: 'Bộ phận Một cửa',
        parentAgency: 'Sở Lao động – Thương binh và Xã hội',
        number: null,
        place: null,
        date: '2025-03-03T08:30:00+07:00',
      },
      dossierCode: 'D-1',
      desk: 'Bộ phận Một cửa',
      applicant: { name: 'Nguyễn Văn An', address: '12 Lê Lợi', phone: '0912345678', email: null },
      procedureName: 'Thủ tục thử',
      components: [{ name: 'Đơn đề nghị' }, { name: 'Bản sao CCCD' }],
      sets: null,
      statutoryDuration: '3 ngày làm việc',
      receivedAt: '2025-03-03T08:30:00+07:00',
      dueAt: '2025-03-06T08:30:00+07:00',
      fee: 0,
      lookup: { key: lookupKeyOf('D-1', SECRET) },
    });
    expect(JSON.stringify(view)).not.toContain(applicant.idNumber);

    expect(supplementRequestViewOf(r)).toMatchObject({
      header: { formCode: 'TT01_2018.M02', issuer: 'Bộ phận Một cửa', date: '2025-03-04T10:00:00+07:00' },
      items: ['Giấy A'],
      reason: 'Thiếu',
      contact: { unit: 'Bộ phận Một cửa', phone: null },
    });
    const forms = calledForms(r, ctx, Date.parse('2025-03-04T11:00:00+07:00'));
    expect(forms.map((f) => f.doc.kind)).toEqual(['receipt', 'control-sheet', 'supplement-request']);
    // Every form is dated at the place of settings `documents.place`.
    expect(forms.map((f) => f.doc.kind !== 'apology' && f.doc.view.header.place)).toEqual([
      'Mỹ Tho',
      'Mỹ Tho',
      'Mỹ Tho',
    ]);
  });

  it('Mẫu 05: one row per handover, marked by the step it ended (§4.5), noted by the step it started', async () => {
    const r = await recordOf(
      '2025-03-04T15:00:00+07:00',
      received('D-2', '2025-03-03T08:30:00+07:00'),
      forwarded('D-2', '2025-03-03T10:00:00+07:00', MC, VLATLD),
      forwarded('D-2', '2025-03-04T09:00:00+07:00', VLATLD, MC),
    );
    expect(controlSheetViewOf(r)).toMatchObject({
      header: { formCode: 'TT01_2018.M05', issuer: 'Bộ phận Một cửa' },
      applicantName: 'Nguyễn Văn An',
      leadUnit: 'Phòng Việc làm – An toàn lao động',
      coopUnits: [],
      dueAt: '2025-03-06T08:30:00+07:00',
      rows: [
        {
          from: 'Bộ phận Một cửa',
          to: 'Phòng Việc làm – An toàn lao động',
          at: '2025-03-03T10:00:00+07:00',
          method: 'paper',
          mark: 'early',
          note: 'Đã xử lý',
        },
        {
          from: 'Phòng Việc làm – An toàn lao động',
          to: 'Bộ phận Một cửa',
          at: '2025-03-04T09:00:00+07:00',
          method: 'paper',
          mark: 'early',
          note: 'Đang xử lý',
        },
      ],
    });
  });

  it('Mẫu 03 of a dossier refused at reception: the refusal alone, under the rules of its date', async () => {
    const r = await recordOf(
      '2025-07-03T10:00:00+07:00',
      event('R-1', 'refused_at_reception', '2025-07-02T10:00:00+07:00', {
        procedureCode: 'P.1',
        channel: 'direct',
        applicant,
        reason: 'Không thuộc thẩm quyền',
      }),
    );
    expect(refusalViewOf(r)).toMatchObject({
      header: { formCode: 'TT03_2025.M03', issuer: 'Bộ phận Một cửa', date: '2025-07-02T10:00:00+07:00' },
      reason: 'Không thuộc thẩm quyền',
      applicant: { name: 'Nguyễn Văn An' },
    });
    expect(receiptViewOf(r, ctx)).toBeNull();
    expect(calledForms(r, ctx, Date.parse('2025-07-03T10:00:00+07:00')).map((f) => f.doc.kind)).toEqual([
      'refusal',
    ]);
  });

  it('TT03 Mẫu 05: the lead unit stops it, in the name of the Sở above the division; none under 2018', async () => {
    const r = await recordOf(
      '2025-07-04T10:00:00+07:00',
      received('S-1', '2025-07-01T08:30:00+07:00'),
      event('S-1', 'stopped', '2025-07-02T10:00:00+07:00', { reason: 'Theo đề nghị' }),
    );
    expect(stopNoticeViewOf(r, ctx)).toMatchObject({
      header: {
        formCode: 'TT03_2025.M05',
        issuer: 'Sở Lao động – Thương binh và Xã hội',
        parentAgency: null,
        date: '2025-07-02T10:00:00+07:00',
      },
      stoppedAt: '2025-07-02T10:00:00+07:00',
      reason: 'Theo đề nghị',
      signature: { caption: 'GIÁM ĐỐC' },
    });
    const old = await recordOf(
      '2025-06-04T10:00:00+07:00',
      received('S-2', '2025-06-02T08:30:00+07:00'),
      event('S-2', 'stopped', '2025-06-02T10:00:00+07:00', { reason: 'Theo đề nghị' }),
    );
    expect(stopNoticeViewOf(old, ctx)).toBeNull();
  });
});
