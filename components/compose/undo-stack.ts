/**
 * Undo and redo for a value replaced as a whole (the recipients of a field): the caller records
 * the value before each change; undo hands back the previous one and keeps the current for redo.
 * A new change forgets what could be redone, as in every editor. At most `limit` steps are kept.
 */
export class UndoStack<T> {
  private past: T[] = [];
  private future: T[] = [];

  constructor(private readonly limit = 50) {}

  /** Call before changing the value, with the value as it was. */
  record(before: T): void {
    this.past.push(before);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  /** The value to go back to, or undefined when there is nothing to undo. */
  undo(current: T): T | undefined {
    const previous = this.past.pop();
    if (previous !== undefined) this.future.push(current);
    return previous;
  }

  /** The value an undo replaced, or undefined when there is nothing to redo. */
  redo(current: T): T | undefined {
    const next = this.future.pop();
    if (next !== undefined) this.past.push(current);
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
