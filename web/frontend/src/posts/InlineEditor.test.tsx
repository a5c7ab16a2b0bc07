// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError';
import { EditedMark } from './EditedMark';
import { InlineEditor } from './InlineEditor';

function edit(onSave: (content: string) => Promise<void>) {
  const onClose = vi.fn();
  render(<InlineEditor initial="old words" maxLength={10} label="Edit your post" onSave={onSave} onClose={onClose} />);
  return { onClose, field: screen.getByRole('textbox', { name: 'Edit your post' }) as HTMLTextAreaElement };
}

describe('InlineEditor', () => {
  afterEach(cleanup);

  it('starts from the text as it is and saves the new one, trimmed, then closes', async () => {
    const onSave = vi.fn(async () => undefined);
    const { onClose, field } = edit(onSave);
    expect(field.value).toBe('old words');
    expect(field.maxLength).toBe(10);

    fireEvent.change(field, { target: { value: ' new words ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));

    expect(onSave).toHaveBeenCalledWith('new words');
    expect(onClose).toHaveBeenCalled();
  });

  it('keeps the text and says why when saving is refused', async () => {
    const { onClose, field } = edit(async () => Promise.reject(new ApiError(403, 'Forbidden')));

    fireEvent.change(field, { target: { value: 'mine now' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));

    expect(screen.getByRole('alert').textContent).toContain('Forbidden');
    expect(field.value).toBe('mine now');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('saves nothing blank, and cancels unchanged', () => {
    const onSave = vi.fn(async () => undefined);
    const { onClose, field } = edit(onSave);

    fireEvent.change(field, { target: { value: '   ' } });
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(onSave).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalled();
  });
});

describe('EditedMark', () => {
  afterEach(cleanup);

  it('says "edited" with the time in its tooltip, and nothing for what was never edited', () => {
    const at = '2026-01-01T11:00:00.000Z';
    render(<><EditedMark at={at} /><EditedMark at={null} /><EditedMark /></>);

    const marks = screen.getAllByTestId('edited');
    expect(marks).toHaveLength(1);
    expect(marks[0].textContent).toBe('edited');
    expect(marks[0].title).toBe(`Edited ${new Date(at).toLocaleString()}`);
    expect(marks[0].querySelector('time')?.getAttribute('dateTime')).toBe(at);
  });
});
