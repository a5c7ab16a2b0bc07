// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Page } from '../lib/PagedList';
import { PagedListFooter } from './PagedListFooter';

const page = (changes: Partial<Page<unknown>>): Page<unknown> =>
  ({ items: [], loading: false, exhausted: false, error: null, ...changes });

/** jsdom has no IntersectionObserver: this one remembers what it watches, and the test says when it comes into view. */
const observers: { watched: Element[]; scrolledTo: () => void }[] = [];
class FakeIntersectionObserver {
  watched: Element[] = [];
  constructor(private readonly callback: (entries: { isIntersecting: boolean }[]) => void) {
    observers.push(this);
  }
  observe(element: Element) {
    this.watched.push(element);
  }
  disconnect() {
    observers.splice(observers.indexOf(this), 1);
  }
  scrolledTo() {
    this.callback([{ isIntersecting: true }]);
  }
}

describe('PagedListFooter', () => {
  beforeEach(() => vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('offers the next page under the items, in the caller’s words', () => {
    const loadMore = vi.fn();
    render(<PagedListFooter page={page({ items: [1] })} loadMore={loadMore} empty="Nothing" loadMoreLabel="More checkpoints" />);
    fireEvent.click(screen.getByRole('button', { name: 'More checkpoints' }));
    expect(loadMore).toHaveBeenCalledOnce();
  });

  it('says it is loading, and offers nothing meanwhile', () => {
    render(<PagedListFooter page={page({ items: [1], loading: true })} loadMore={() => undefined} empty="Nothing" />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('tells why the first page failed and offers to try again', () => {
    const loadMore = vi.fn();
    render(<PagedListFooter page={page({ error: 'The server is down' })} loadMore={loadMore} empty="Nothing" />);
    expect(screen.getByRole('alert').textContent).toBe('The server is down');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(loadMore).toHaveBeenCalledOnce();
  });

  it('shows the empty state as a sentence, or the caller’s own card', () => {
    render(<PagedListFooter page={page({ exhausted: true })} loadMore={() => undefined} empty="No friends yet." />);
    expect(screen.getByText('No friends yet.').tagName).toBe('P');
    cleanup();
    render(<PagedListFooter page={page({ exhausted: true })} loadMore={() => undefined}
      emptyCard={<div className="card"><h2>Your feed is empty</h2></div>} />);
    expect(screen.getByRole('heading', { name: 'Your feed is empty' }).parentElement?.className).toBe('card');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('infinite: loads the next page as the end scrolls into view, and keeps a button for the keyboard', () => {
    const loadMore = vi.fn();
    render(<PagedListFooter page={page({ items: [1] })} loadMore={loadMore} emptyCard={null} infinite />);
    expect(observers).toHaveLength(1);
    act(() => observers[0].scrolledTo());
    expect(loadMore).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(loadMore).toHaveBeenCalledTimes(2);
  });

  it('infinite: stops watching after an error or at the end, which it tells', () => {
    const { rerender } = render(
      <PagedListFooter page={page({ items: [1], error: 'down' })} loadMore={() => undefined} emptyCard={null} infinite />);
    expect(observers).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Load more' })).toBeTruthy();

    rerender(<PagedListFooter page={page({ items: [1], exhausted: true })} loadMore={() => undefined} emptyCard={null} infinite />);
    expect(observers).toHaveLength(0);
    expect(screen.getByText('That’s all.')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('watches nothing unless infinite', () => {
    render(<PagedListFooter page={page({ items: [1] })} loadMore={() => undefined} empty="Nothing" />);
    expect(observers).toHaveLength(0);
    expect(screen.queryByText('That’s all.')).toBeNull();
  });
});
