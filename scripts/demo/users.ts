// The demo's staff, derived from config/catalogue/units.json: one officer at the desk, a specialist and a head per
// division, and a manager who reads everything. Generated events name an actor key; this maps it to a user.
import type { Role } from '@motcua/contracts';
import type { Head, Unit } from './generator/generator.types';

export const DEMO_PASSWORD = 'motcua-demo-2026';

const HEAD_NAMES = [
  'Nguyễn Văn Hùng',
  'Trần Thị Thu Hà',
  'Lê Minh Tuấn',
  'Phạm Ngọc Lan',
  'Võ Thanh Sơn',
  'Huỳnh Thị Mai',
  'Đặng Quốc Bảo',
  'Bùi Thị Hạnh',
];

export interface DemoUser {
  username: string;
  password: string;
  roles: Role[];
  units: string[];
  /** Heads only: printed on apology letters. */
  name?: string;
  title?: string;
}

export interface DemoStaff {
  users: DemoUser[];
  /** Actor key of a generated event ('officer', 'specialist:<unit>', 'unit_head:<unit>') → username. */
  actors: Map<string, string>;
  heads: Map<string, Head>;
  manager: string;
  officer: string;
}

/** `LDTBXH.VLATLD` → `vlatld`: short, valid usernames (a-z0-9._-). */
const slug = (unitCode: string): string =>
  unitCode
    .split('.')
    .slice(1)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '') || unitCode.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Title printed on an apology letter (Mẫu 04) for the head of a unit. */
function headTitle(unit: Unit): string {
  if (/^Văn phòng/.test(unit.name)) return 'Chánh Văn phòng Sở';
  if (/^Thanh tra/.test(unit.name)) return 'Chánh Thanh tra Sở';
  return `Trưởng ${unit.name.replace(/^Phòng/, 'phòng')}`;
}

/** The users to create and the actor → username map. */
export function demoUsers(units: readonly Unit[]): DemoStaff {
  const desk = units.find((u) => u.kind === 'one_stop');
  if (!desk) throw new Error('config/catalogue/units.json has no one_stop unit');
  const divisions = units.filter((u) => u.kind === 'department');
  const users: DemoUser[] = [];
  const actors = new Map<string, string>();
  const heads = new Map<string, Head>();
  const officer = `${slug(desk.code)}.officer`;
  users.push({ username: officer, password: DEMO_PASSWORD, roles: ['officer'], units: [desk.code] });
  actors.set('officer', officer);
  divisions.forEach((u, i) => {
    const specialist = `${slug(u.code)}.specialist`;
    const head = `${slug(u.code)}.head`;
    const name = HEAD_NAMES[i % HEAD_NAMES.length].normalize('NFC');
    const title = headTitle(u).normalize('NFC');
    users.push({ username: specialist, password: DEMO_PASSWORD, roles: ['specialist'], units: [u.code] });
    users.push({
      username: head,
      password: DEMO_PASSWORD,
      roles: ['unit_head'],
      units: [u.code],
      name,
      title,
    });
    actors.set(`specialist:${u.code}`, specialist);
    actors.set(`unit_head:${u.code}`, head);
    heads.set(u.code, { name, title });
  });
  users.push({ username: 'manager', password: DEMO_PASSWORD, roles: ['manager'], units: ['*'] });
  return { users, actors, heads, manager: 'manager', officer };
}
