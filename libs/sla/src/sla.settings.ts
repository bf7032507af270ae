import { slaSettingsSchema, type SlaSettings } from '@motcua/contracts';

// Each setting, its documented default and its domain.md section live in the settings schema of libs/contracts.
export type { SlaSettings };

export const DEFAULT_SLA_SETTINGS: Readonly<SlaSettings> = Object.freeze(slaSettingsSchema.parse({}));

export function resolveSlaSettings(overrides: Partial<SlaSettings> = {}): SlaSettings {
  return { ...DEFAULT_SLA_SETTINGS, ...overrides };
}
