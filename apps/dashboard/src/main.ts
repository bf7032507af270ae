// The managers' dashboard (GET /dashboard): login, a month and a unit, then every section loads in parallel.
import type {
  IndicatorKey,
  MetricsSummary,
  ProcedureVersionView,
  Report06a,
  Role,
  Timeseries,
  Unit,
} from '@motcua/contracts';
import { Api, ApiError, apiUrl, pooled, type Query } from './api';
import { byId, h, replace } from './dom';
import { DossierPanel } from './dossier.view';
import { formatMonth } from './format';
import { renderIndicators } from './indicators.view';
import { type LeagueRow, renderLeague } from './league.view';
import { isMonth, monthInVietnam, monthsEndingWith, periodOf } from './period';
import { renderReport06a, renderReportProblem, wireExports } from './report-06a.view';
import { Session } from './session';
import { renderTrends, TREND_KEYS, TREND_MONTHS } from './trends.view';
import { Worklists } from './worklists.view';

/** The roles GET /metrics answers (unit heads for their units); anyone else gets a clear word instead of 403s. */
const READERS: readonly Role[] = ['manager', 'admin', 'unit_head'];
const ROLE_LABELS: Record<Role, string> = {
  officer: 'Cán bộ một cửa',
  specialist: 'Chuyên viên',
  unit_head: 'Lãnh đạo đơn vị',
  manager: 'Lãnh đạo, cán bộ kiểm soát TTHC',
  admin: 'Quản trị hệ thống',
};
/** At most this many summaries or series in flight: the page must stay light on a 2-core API. */
const IN_FLIGHT = 4;

interface Catalogue {
  units: Unit[];
  /** Units the user may see, as the unit filter offers them. */
  offered: Unit[];
  /** Units that lead at least one procedure: the summary's `unit` means the lead unit. */
  leading: Unit[];
  procedureNames: Map<string, string>;
}

let api: Api | null = null;
let catalogue: Catalogue | null = null;
let generation = 0;
const worklists = new Worklists();
const panel = new DossierPanel();

const monthInput = byId<HTMLInputElement>('month');
const unitSelect = byId<HTMLSelectElement>('unit');

const unitName = (code: string | null): string =>
  code === null ? '—' : (catalogue?.units.find((u) => u.code === code)?.name ?? code);
const procedureName = (code: string | null): string =>
  code === null ? '—' : (catalogue?.procedureNames.get(code) ?? code);

function setStatus(text: string, problem = false): void {
  const el = byId('status');
  el.textContent = text;
  el.classList.toggle('problem', problem);
}

function showLogin(message?: string): void {
  api = null;
  byId('app-view').hidden = true;
  byId('who').hidden = true;
  byId('login-view').hidden = false;
  const problem = byId('login-error');
  problem.hidden = !message;
  problem.textContent = message ?? '';
  byId<HTMLInputElement>('username').focus();
}

/** Every 401 (token expired, revoked, user disabled) ends the session and asks for a login again. */
function expired(): void {
  Session.close();
  showLogin('Phiên đăng nhập đã hết hạn hoặc bị thu hồi. Vui lòng đăng nhập lại.');
}

async function login(username: string, password: string): Promise<void> {
  const res = await fetch(apiUrl('api/v1/auth/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status === 401 || res.status === 400) throw new Error('Sai tên đăng nhập hoặc mật khẩu.');
  if (res.status === 429)
    throw new Error(
      `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${res.headers.get('retry-after') ?? 'ít phút'} giây.`,
    );
  if (!res.ok) throw new Error(`Máy chủ không trả lời (${res.status}). Vui lòng thử lại.`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const opened = Session.open(accessToken);
  if (!opened.claims.roles.some((r) => READERS.includes(r))) {
    Session.close();
    throw new Error(
      'Tài khoản này không có quyền xem bảng điều khiển (dành cho lãnh đạo đơn vị và cán bộ quản lý).',
    );
  }
  await showApp(opened);
}

async function loadCatalogue(a: Api, s: Session): Promise<Catalogue> {
  const [units, procedures] = await Promise.all([
    a.json<Unit[]>('api/v1/units'),
    a.json<ProcedureVersionView[]>('api/v1/procedures'),
  ]);
  const offered = units.filter((u) => u.kind !== 'agency' && s.mayOffer(u.code));
  const leads = new Set(procedures.map((p) => p.leadUnitCode));
  return {
    units,
    offered,
    leading: offered.filter((u) => leads.has(u.code)),
    procedureNames: new Map(procedures.map((p) => [p.code, p.name])),
  };
}

function fillUnits(c: Catalogue, s: Session, wanted: string | null): void {
  const options: HTMLOptionElement[] = [];
  if (s.seesAllUnits) options.push(h('option', { value: '' }, 'Toàn Sở (tất cả đơn vị)'));
  else if (c.offered.length > 1) options.push(h('option', { value: '' }, 'Tất cả đơn vị được giao'));
  for (const u of c.offered) options.push(h('option', { value: u.code }, u.name));
  replace(unitSelect, ...options);
  const codes = options.map((o) => o.value);
  unitSelect.value = wanted !== null && codes.includes(wanted) ? wanted : (codes[0] ?? '');
}

async function showApp(s: Session): Promise<void> {
  api = new Api(s, expired);
  leagueMonth = null;
  byId('login-view').hidden = true;
  byId('app-view').hidden = false;
  const roles = s.claims.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ');
  replace(byId('who-name'), `${s.claims.username} — ${roles}`);
  byId('who').hidden = false;
  const params = new URLSearchParams(location.search);
  const month = params.get('month');
  monthInput.value = isMonth(month) ? month : monthInVietnam(new Date());
  setStatus('Đang tải danh mục…');
  try {
    catalogue = await loadCatalogue(api, s);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401))
      setStatus(`Không tải được danh mục: ${(err as Error).message}`, true);
    return;
  }
  fillUnits(catalogue, s, params.get('unit'));
  await refresh();
}

/** The slice every section shows: the chosen month and unit. */
function slice(): Query & { from: string; to: string } {
  const { from, to } = periodOf(monthInput.value);
  return { from, to, unit: unitSelect.value || undefined };
}

async function loadSummary(a: Api, mine: number): Promise<void> {
  try {
    const summary = await a.json<MetricsSummary>('api/v1/metrics/summary', slice());
    if (mine === generation) renderIndicators(summary);
  } catch (err) {
    if (mine === generation)
      replace(
        byId('indicator-grid'),
        h('p', { class: 'problem' }, `Không tải được chỉ tiêu: ${(err as Error).message}`),
      );
  }
}

async function loadTrends(a: Api, mine: number): Promise<void> {
  const months = monthsEndingWith(monthInput.value, TREND_MONTHS);
  const from = periodOf(months[0]).from;
  const { to, unit } = slice();
  const series = await pooled(
    TREND_KEYS.map(
      (indicator) => () =>
        a
          .json<Timeseries>('api/v1/metrics/timeseries', { indicator, interval: 'month', from, to, unit })
          .catch((err: Error) => err),
    ),
    IN_FLIGHT,
  );
  if (mine === generation)
    renderTrends(new Map<IndicatorKey, Timeseries | Error>(TREND_KEYS.map((k, i) => [k, series[i]])), months);
}

/** The month the league table shows: it compares every unit, so a change of unit alone does not reload it. */
let leagueMonth: string | null = null;

async function loadLeague(a: Api, c: Catalogue, mine: number): Promise<void> {
  if (leagueMonth === monthInput.value) return;
  leagueMonth = null;
  const month = monthInput.value;
  const { from, to } = slice();
  const rows = await pooled(
    c.leading.map((unit) => async (): Promise<LeagueRow> => ({
      unit,
      summary: await a
        .json<MetricsSummary>('api/v1/metrics/summary', { from, to, unit: unit.code })
        .catch((err: Error) => err),
    })),
    IN_FLIGHT,
  );
  if (mine !== generation) return;
  renderLeague(rows, (code) => {
    unitSelect.value = code;
    void refresh();
  });
  leagueMonth = month;
}

async function loadReport(a: Api, mine: number): Promise<void> {
  try {
    const report = await a.json<Report06a>('api/v1/reports/06a', { ...slice(), format: 'json' });
    if (mine === generation) renderReport06a(report);
  } catch (err) {
    if (mine !== generation) return;
    const missing = err instanceof ApiError && err.status === 404;
    renderReportProblem(
      missing
        ? 'Máy chủ chưa cung cấp Biểu II.06a.'
        : `Không tải được Biểu II.06a: ${(err as Error).message}`,
    );
  }
}

/** Loads every section for the chosen month and unit; answers of an older choice are dropped. */
async function refresh(): Promise<void> {
  const a = api;
  const c = catalogue;
  if (!a || !c || !isMonth(monthInput.value)) return;
  const mine = ++generation;
  const params = new URLSearchParams({ month: monthInput.value });
  if (unitSelect.value) params.set('unit', unitSelect.value);
  history.replaceState(null, '', `?${params.toString()}`);
  const what = `${formatMonth(monthInput.value)}, ${unitSelect.value ? unitName(unitSelect.value) : (unitSelect.selectedOptions[0]?.text ?? '')}`;
  setStatus(`Đang tải số liệu ${what}…`);
  byId('app-view').setAttribute('aria-busy', 'true');
  await Promise.all([
    loadSummary(a, mine),
    loadTrends(a, mine),
    loadLeague(a, c, mine),
    loadReport(a, mine),
    worklists.reload({
      api: a,
      unit: unitSelect.value || null,
      procedureName,
      unitName,
      open: (code) => void panel.open(a, code, { unitName }),
    }),
  ]);
  if (mine !== generation || api !== a) return;
  byId('app-view').setAttribute('aria-busy', 'false');
  setStatus(`Số liệu ${what}.`);
}

byId<HTMLFormElement>('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const username = byId<HTMLInputElement>('username').value.trim();
  const password = byId<HTMLInputElement>('password').value;
  const button = byId<HTMLButtonElement>('login-submit');
  button.disabled = true;
  login(username, password)
    .catch((err: Error) => showLogin(err.message))
    .finally(() => {
      button.disabled = false;
      byId<HTMLInputElement>('password').value = '';
    });
});

byId('logout').addEventListener('click', () => {
  Session.close();
  generation++;
  showLogin();
});

byId<HTMLFormElement>('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  void refresh();
});
monthInput.addEventListener('change', () => void refresh());
unitSelect.addEventListener('change', () => void refresh());

wireExports(
  () => api,
  () => slice(),
);

const restored = Session.restore();
if (restored) void showApp(restored);
else showLogin();
