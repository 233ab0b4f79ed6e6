/** What a page says when the settings document refuses an edit. */
import { t, type MessageKey } from '@/lib/i18n/t';
import { SettingsInputError } from '@/lib/settings/tags';

export function settingsErrorText(error: unknown): string {
  if (error instanceof SettingsInputError) return t(`settingsError_${error.code}` satisfies MessageKey);
  return error instanceof Error ? error.message : String(error);
}

/** Runs an edit; returns the message to show when it was refused, null when it was applied. */
export function tryEdit(edit: () => void): string | null {
  try {
    edit();
    return null;
  } catch (error) {
    return settingsErrorText(error);
  }
}
