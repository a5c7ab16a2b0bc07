// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CUT_SHORT } from './EventExport';
import { ExportControl } from './ExportControl';


const end = JSON.stringify({ exportComplete: true, events: 1, head: 10 });
const event = JSON.stringify({ globalPosition: 10, type: 'PostCreated' });

/** A body sent up to `gate` lines, the rest once `open()` is called. */
function answer(lines: string[], gate = lines.length) {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      lines.forEach((line, i) => i < gate && controller.enqueue(new TextEncoder().encode(`${line}\n`)));
      if (gate < lines.length) await opened;
      lines.slice(gate).forEach((line) => controller.enqueue(new TextEncoder().encode(`${line}\n`)));
      controller.close();
    },
  });
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { headers: { 'X-Export-Head': '20' } })));
  return { open };
}

describe('ExportControl', () => {
  const saved = vi.fn();
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved(this.download, this.href);
    });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    saved.mockReset();
  });

  it('shows the progress, then hands the whole file over as bunnybook-events.ndjson', async () => {
    const { open } = answer([event, end], 1);
    render(<ExportControl query={{ type: 'PostCreated' }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export (NDJSON)' }));

    expect((await screen.findByRole('progressbar', { name: 'Export progress' })).getAttribute('value')).toBe('0.5');
    open();
    expect(await screen.findByText('Exported 1 event.')).toBeTruthy();
    expect(saved).toHaveBeenCalledWith('bunnybook-events.ndjson', 'blob:export');
    expect(fetch).toHaveBeenCalledWith('/web/audit/export?type=PostCreated', expect.objectContaining({ credentials: 'same-origin' }));
  });

  it('offers no file from an export cut short', async () => {
    answer([event]);
    render(<ExportControl query={{}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export (NDJSON)' }));

    expect((await screen.findByRole('alert')).textContent).toBe(CUT_SHORT);
    expect(saved).not.toHaveBeenCalled();
  });

  it('is cancelled with its Cancel button', async () => {
    answer([event, end], 1);
    render(<ExportControl query={{}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export (NDJSON)' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel export' }));

    expect(await screen.findByText('Export cancelled.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export (NDJSON)' })).toBeTruthy();
    expect(saved).not.toHaveBeenCalled();
  });
});
