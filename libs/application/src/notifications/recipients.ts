import type { UnitRecord } from '@motcua/database';
import { mailbox } from './mail-outbox';

export interface Recipient {
  email: string;
  /** The display name of the To: header. */
  name: string;
  /** Who the mail greets: `Kính gửi: <greeting>,`. */
  greeting: string;
}

/**
 * Who gets a unit's staff mails. `unit`: the unit's mailbox and its head's; `head`: its head (the unit's mailbox
 * when it names no head). A unit listed in `notifications.recipients` gets those mailboxes instead, whichever.
 */
export function unitRecipients(
  unit: UnitRecord,
  who: 'unit' | 'head',
  overrides: Readonly<Record<string, readonly string[]>>,
): Recipient[] {
  const override = overrides[unit.code];
  const asUnit = (email: string | null) => ({ email, name: unit.name, greeting: unit.name });
  const head = {
    email: unit.headEmail,
    name: unit.headName ?? unit.name,
    greeting: unit.headName ? `Ông/Bà ${unit.headName} – ${unit.name}` : `Lãnh đạo ${unit.name}`,
  };
  const candidates: Array<{ email: string | null; name: string; greeting: string }> = override
    ? override.map(asUnit)
    : who === 'unit'
      ? [asUnit(unit.email), head]
      : [unit.headEmail ? head : asUnit(unit.email)];
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const c of candidates) {
    if (!c.email) continue;
    const email = mailbox(c.email);
    if (seen.has(email)) continue;
    seen.add(email);
    out.push({ email, name: c.name, greeting: c.greeting });
  }
  return out;
}
