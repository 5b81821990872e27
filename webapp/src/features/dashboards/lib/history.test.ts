import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, record, redo, resetHistory, undo } from './history';

describe('history', () => {
  it('undoes and redoes steps in order', () => {
    let h = createHistory('a');
    expect(canUndo(h)).toBe(false);
    h = record(h, 'b');
    h = record(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    expect(canRedo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe('c');
    expect(redo(h)).toBe(h);
  });

  it('drops the redo steps on a new edit', () => {
    let h = record(record(createHistory(1), 2), 3);
    h = record(undo(h), 4);
    expect(h.present).toBe(4);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(2);
  });

  it('keeps at most `limit` steps back', () => {
    let h = createHistory(0, 3);
    for (let i = 1; i <= 10; i++) h = record(h, i);
    expect(h.past).toEqual([7, 8, 9]);
    h = undo(undo(undo(h)));
    expect(h.present).toBe(7);
    expect(canUndo(h)).toBe(false);
  });

  it('records nothing for the same value', () => {
    const doc = { widgets: [] };
    const h = createHistory(doc);
    expect(record(h, doc)).toBe(h);
  });

  it('merges steps of one group into one undo', () => {
    let h = createHistory('');
    h = record(h, 'H', 'text:w2');
    h = record(h, 'He', 'text:w2');
    h = record(h, 'Hey', 'text:w2');
    expect(undo(h).present).toBe('');
    h = record(h, 'Hey!', 'text:w3');
    expect(undo(h).present).toBe('Hey');
    // After an undo the group is closed: the next typing is its own step.
    h = record(undo(h), 'Hey?', 'text:w3');
    expect(undo(h).present).toBe('Hey');
  });

  it('resets to a saved document', () => {
    const h = resetHistory(record(createHistory('a', 5), 'b'), 'saved');
    expect(h).toEqual(createHistory('saved', 5));
  });
});
