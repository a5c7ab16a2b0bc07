// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError';
import { CommentForm } from './CommentForm';

type OnComment = (content: string, idempotencyKey: string) => Promise<void>;

function form(onComment: OnComment) {
  render(<CommentForm onComment={onComment} />);
  return {
    field: screen.getByRole('textbox', { name: 'Write a comment' }) as HTMLTextAreaElement,
    comment: () => act(async () => fireEvent.click(screen.getByRole('button', { name: 'Comment' }))),
  };
}

/** Commenting that fails once (a store unavailable), then succeeds. */
const failingOnce = () =>
  vi.fn<OnComment>().mockRejectedValueOnce(new ApiError(503, 'a store is unavailable')).mockResolvedValue(undefined);

describe('CommentForm', () => {
  afterEach(cleanup);

  it('sends the comment again under its key when commenting failed, so it is stored once', async () => {
    const onComment = failingOnce();
    const { field, comment } = form(onComment);

    fireEvent.change(field, { target: { value: '  nice burrow ' } });
    await comment();
    expect(screen.getByRole('alert').textContent).toContain('unavailable');
    expect(field.value).toBe('  nice burrow ');
    await comment();

    expect(onComment.mock.calls[0][1]).toMatch(/^[0-9a-f]{32}$/);
    expect(onComment.mock.calls[1]).toEqual(['nice burrow', onComment.mock.calls[0][1]]);
    expect(field.value).toBe('');
  });

  it('gives a changed draft, or the next comment, a key of its own', async () => {
    const onComment = failingOnce();
    const { field, comment } = form(onComment);

    fireEvent.change(field, { target: { value: 'first try' } });
    await comment();
    fireEvent.change(field, { target: { value: 'second thoughts' } });
    await comment();
    fireEvent.change(field, { target: { value: 'next comment' } });
    await comment();

    expect(new Set(onComment.mock.calls.map((call) => call[1])).size).toBe(3);
  });

  it('sends the same words again, once the first were stored, as a comment of their own', async () => {
    const onComment = vi.fn<OnComment>().mockResolvedValue(undefined);
    const { field, comment } = form(onComment);

    fireEvent.change(field, { target: { value: '+1' } });
    await comment();
    fireEvent.change(field, { target: { value: '+1' } });
    await comment();

    expect(onComment.mock.calls[1][1]).not.toBe(onComment.mock.calls[0][1]);
  });
});
