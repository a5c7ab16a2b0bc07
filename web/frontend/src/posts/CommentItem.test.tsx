// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter } from 'react-router';
import type { Comment } from '../api/types';
import { CommentItem } from './CommentItem';
import { aComment } from './testing';

// bob wrote the comment, on ann's post on carl's wall
const post = { profileId: 'ann', wallProfileId: 'carl' };

function show(me: string | undefined, comment: Comment = aComment('c1')) {
  const onEdit = vi.fn(async () => undefined);
  const onDelete = vi.fn(async () => undefined);
  render(
    <MemoryRouter>
      <ul><CommentItem comment={comment} post={post} me={me} onEdit={onEdit} onDelete={onDelete} /></ul>
    </MemoryRouter>,
  );
  return { onEdit, onDelete };
}

const button = (name: string) => screen.queryByRole('button', { name });

describe('CommentItem', () => {
  afterEach(cleanup);

  it('offers editing to its author alone, and deleting to its author, the post’s author and the wall’s owner', () => {
    const offers = (me: string | undefined) => {
      show(me);
      const offered = [button('Edit') !== null, button('Delete') !== null];
      cleanup();
      return offered;
    };
    expect(offers('bob')).toEqual([true, true]);
    expect(offers('ann')).toEqual([false, true]);
    expect(offers('carl')).toEqual([false, true]);
    expect(offers('dora')).toEqual([false, false]);
    expect(offers(undefined)).toEqual([false, false]);
  });

  it('edits in place and shows the text again once saved', async () => {
    const { onEdit } = show('bob');

    fireEvent.click(button('Edit')!);
    fireEvent.change(screen.getByRole('textbox', { name: 'Edit your comment' }), { target: { value: 'better' } });
    await act(async () => fireEvent.click(button('Save')!));

    expect(onEdit).toHaveBeenCalledWith('better');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(button('Edit')).not.toBeNull();
  });

  it('deletes only once confirmed', async () => {
    const { onDelete } = show('carl');

    fireEvent.click(button('Delete')!);
    fireEvent.click(button('Keep it')!);
    expect(onDelete).not.toHaveBeenCalled();

    fireEvent.click(button('Delete')!);
    await act(async () => fireEvent.click(button('Delete comment')!));
    expect(onDelete).toHaveBeenCalledTimes(1);
  });

  it('marks an edited comment', () => {
    show('dora', { ...aComment('c1'), editedAt: '2026-01-01T11:00:00.000Z' });
    expect(screen.getByTestId('edited').textContent).toBe('edited');
  });
});
