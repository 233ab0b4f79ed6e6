import { describe, expect, it } from 'vitest';
import { UndoStack } from '@/components/compose/undo-stack';

describe('UndoStack', () => {
  it('goes back and forth through recorded values', () => {
    const stack = new UndoStack<string[]>();
    let value: string[] = [];
    const change = (next: string[]) => {
      stack.record(value);
      value = next;
    };
    change(['a']);
    change(['a', 'b']);
    expect(stack.canRedo).toBe(false);
    value = stack.undo(value) ?? value;
    expect(value).toEqual(['a']);
    value = stack.undo(value) ?? value;
    expect(value).toEqual([]);
    expect(stack.canUndo).toBe(false);
    expect(stack.undo(value)).toBeUndefined();
    value = stack.redo(value) ?? value;
    value = stack.redo(value) ?? value;
    expect(value).toEqual(['a', 'b']);
    expect(stack.redo(value)).toBeUndefined();
  });

  it('forgets the redo steps on a new change', () => {
    const stack = new UndoStack<number>();
    stack.record(1);
    expect(stack.undo(2)).toBe(1);
    expect(stack.canRedo).toBe(true);
    stack.record(1);
    expect(stack.canRedo).toBe(false);
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    const stack = new UndoStack<number>(3);
    for (let n = 0; n < 5; n++) stack.record(n);
    expect([stack.undo(5), stack.undo(4), stack.undo(3), stack.undo(2)]).toEqual([4, 3, 2, undefined]);
  });
});
