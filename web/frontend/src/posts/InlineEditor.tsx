import { useState, type FormEvent } from 'react';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import styles from './InlineEditor.module.css';

/**
 * Edits a text in place: Save sends it (trimmed) and closes the editor once the server took it; Cancel closes it
 * unchanged. A refusal stays in view, with the text as typed, to be fixed and saved again.
 */
export function InlineEditor({ initial, maxLength, label, onSave, onClose }: {
  initial: string;
  maxLength: number;
  label: string;
  onSave: (content: string) => Promise<void>;
  onClose: () => void;
}) {
  const [content, setContent] = useState(initial);
  const save = useAction(async () => {
    await onSave(content.trim());
    onClose();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <form className={styles.editor} onSubmit={submit}>
      <textarea
        aria-label={label}
        maxLength={maxLength}
        value={content}
        autoFocus
        onChange={(e) => setContent(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      />
      <div className={styles.buttons}>
        <button type="submit" disabled={save.busy || content.trim() === ''}>Save</button>
        <button type="button" className="secondary" disabled={save.busy} onClick={onClose}>Cancel</button>
      </div>
      <ErrorNote error={save.error} />
    </form>
  );
}
