// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError';
import type { Privacy } from '../api/types';
import { PostForm } from './PostForm';

type OnPost = (content: string, privacy: Privacy, idempotencyKey: string) => Promise<void>;

function form(onPost: OnPost) {
  render(<PostForm onPost={onPost} />);
  return {
    field: screen.getByRole('textbox', { name: 'Write a post' }) as HTMLTextAreaElement,
    post: () => act(async () => fireEvent.click(screen.getByRole('button', { name: 'Post' }))),
  };
}

/** Posting that fails once (a store unavailable), then succeeds. */
const failingOnce = () =>
  vi.fn<OnPost>().mockRejectedValueOnce(new ApiError(503, 'a store is unavailable')).mockResolvedValue(undefined);

const keyOf = (onPost: ReturnType<typeof vi.fn<OnPost>>, call: number) => onPost.mock.calls[call][2];

describe('PostForm', () => {
  afterEach(cleanup);

  it('posts the draft again under its key when posting failed, so it is stored once', async () => {
    const onPost = failingOnce();
    const { field, post } = form(onPost);

    fireEvent.change(field, { target: { value: 'hello, warren' } });
    await post();
    expect(screen.getByRole('alert').textContent).toContain('unavailable');
    expect(field.value).toBe('hello, warren');
    await post();

    expect(onPost).toHaveBeenCalledTimes(2);
    expect(onPost.mock.calls[1]).toEqual(['hello, warren', 'PUBLIC', keyOf(onPost, 0)]);
    expect(keyOf(onPost, 0)).toMatch(/^[0-9a-f]{32}$/);
    expect(field.value).toBe('');
  });

  it('gives a new post, or a changed draft, a key of its own', async () => {
    const onPost = failingOnce();
    const { field, post } = form(onPost);

    fireEvent.change(field, { target: { value: 'first try' } });
    await post();
    fireEvent.change(field, { target: { value: 'second thoughts' } });
    await post();
    fireEvent.change(field, { target: { value: 'next post' } });
    await post();

    const keys = onPost.mock.calls.map((call) => call[2]);
    expect(new Set(keys).size).toBe(3);
  });

  it('keeps the key of a draft changed and changed back, as it is the same post', async () => {
    const onPost = failingOnce();
    const { field, post } = form(onPost);

    fireEvent.change(field, { target: { value: 'the same' } });
    await post();
    fireEvent.change(field, { target: { value: 'the same!' } });
    fireEvent.change(field, { target: { value: 'the same' } });
    await post();

    expect(keyOf(onPost, 1)).toBe(keyOf(onPost, 0));
  });

  it('posts the same words again, once the first were stored, as a post of their own', async () => {
    const onPost = vi.fn<OnPost>().mockResolvedValue(undefined);
    const { field, post } = form(onPost);

    fireEvent.change(field, { target: { value: 'good morning' } });
    await post();
    fireEvent.change(field, { target: { value: 'good morning' } });
    await post();

    expect(keyOf(onPost, 1)).not.toBe(keyOf(onPost, 0));
  });
});
