import { useEffect, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import type { CatalogType } from './auditApi';
import { loadCatalog } from './catalog';
import { isoToLocal, localToIso, type EventFilters } from './EventQuery';
import styles from './Audit.module.css';

interface Props {
  filters: EventFilters;
  fieldErrors: Record<string, string>;
  onSearch: (filters: EventFilters) => void;
}

/** The filters as a form: times are picked in the auditor's time zone and sent as UTC instants. */
export function EventFiltersForm({ filters, fieldErrors, onSearch }: Props) {
  const [draft, setDraft] = useState({ ...filters, from: isoToLocal(filters.from), to: isoToLocal(filters.to) });
  const [types, setTypes] = useState<CatalogType[]>([]);
  const catalog = useAction(loadCatalog);
  const { run: readCatalog } = catalog;
  useEffect(() => {
    readCatalog().then((read) => read && setTypes(read));
  }, [readCatalog]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch({ ...draft, from: localToIso(draft.from), to: localToIso(draft.to) });
  };

  const field = (name: keyof EventFilters, label: string, input: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label>
      {label}
      <input
        name={name}
        value={draft[name]}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        aria-invalid={fieldErrors[name] ? true : undefined}
        aria-describedby={fieldErrors[name] ? `${name}-error` : undefined}
        {...input}
      />
      {fieldErrors[name] && <span id={`${name}-error`} className="error-note">{fieldErrors[name]}</span>}
    </label>
  );

  const knownType = !draft.type || types.some((t) => t.name === draft.type || t.type === draft.type);
  return (
    <form onSubmit={submit} className="card" aria-label="Event filters">
      <div className={styles.filters}>
        {field('aggregate_id', 'Aggregate id')}
        {field('aggregate_type', 'Aggregate type', { placeholder: 'e.g. Post' })}
        <label>
          Event type
          <select
            name="type"
            value={draft.type}
            onChange={(e) => setDraft({ ...draft, type: e.target.value })}
            aria-invalid={fieldErrors.type ? true : undefined}
          >
            <option value="">Any type</option>
            {!knownType && <option value={draft.type}>{draft.type}</option>}
            {types.map((t) => (
              <option key={t.type} value={t.name}>{t.name}</option>
            ))}
          </select>
          {fieldErrors.type && <span className="error-note">{fieldErrors.type}</span>}
        </label>
        {field('actor', 'Actor', { placeholder: 'profile id or system' })}
        {field('from', 'From', { type: 'datetime-local', step: 1 })}
        {field('to', 'To (exclusive)', { type: 'datetime-local', step: 1 })}
        {field('after', 'After position', { type: 'number', min: 0, inputMode: 'numeric' })}
      </div>
      <ErrorNote error={catalog.error && `The event types could not be listed: ${catalog.error}`} />
      <div className={styles.actions}>
        <button type="submit">Search</button>
      </div>
    </form>
  );
}
