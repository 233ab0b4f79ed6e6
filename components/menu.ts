/** An entry of a menu (context menu, select menu): a label and what it does. */
export interface MenuItem {
  label: string;
  run: () => void;
  /** Marks a destructive entry (delete forever…). */
  danger?: boolean;
}
