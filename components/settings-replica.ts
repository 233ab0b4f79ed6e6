/**
 * A page's one replica of the settings document: opened on first use and kept for the page's life
 * (the relay keeps it equal to the background's and other pages'), so every view of the page reads
 * and writes the same document. Plain TypeScript so it is testable without Svelte; the rune
 * wrapper is components/settings.svelte.ts.
 */
import { openLocalSettings, type LocalSettings } from '@/lib/settings/local';
import type { Settings, SettingsSnapshot } from '@/lib/settings/settings';

export class SettingsReplica {
  private opening: Promise<Settings> | null = null;

  constructor(private readonly openLocal: () => Promise<LocalSettings> = () => openLocalSettings()) {}

  /** The same Settings for every caller; opens the replica on the first call. */
  open(): Promise<Settings> {
    // A failed open is not remembered, so a later call (e.g. the user retrying) tries again.
    this.opening ??= this.openLocal().then(
      (local) => local.settings,
      (error: unknown) => {
        this.opening = null;
        throw error;
      },
    );
    return this.opening;
  }

  /** Calls `listener` with the current snapshot once open, then after every change; returns the unsubscribe. */
  async watch(listener: (settings: Settings, snapshot: SettingsSnapshot) => void): Promise<() => void> {
    const settings = await this.open();
    listener(settings, settings.read());
    return settings.onChange(() => listener(settings, settings.read()));
  }
}

/** The page's replica: every view of a page (settings state, image trust) shares it. */
export const pageReplica = new SettingsReplica();
