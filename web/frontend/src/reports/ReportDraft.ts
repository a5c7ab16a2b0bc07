import { Store } from '../lib/store';
import { ApiError, describe } from '../api/ApiError';
import { MAX_REASON, type FiledReport, type SubjectType } from './reportApi';

export interface ReportDraftState {
  reason: string;
  sending: boolean;
  /** What became of the report: sent now, or sent before (one report per member and subject). */
  outcome: 'reported' | 'already-reported' | null;
  error: string | null;
}

export interface ReportFiling {
  file(subjectType: SubjectType, subjectId: string, reason: string): Promise<FiledReport>;
}

/**
 * A member's report of one subject, from the reason they type to the server's answer. A 409 is not a failure: the
 * member had reported it before, and that report stands.
 */
export class ReportDraft extends Store<ReportDraftState> {
  constructor(private readonly api: ReportFiling, readonly subjectType: SubjectType, readonly subjectId: string) {
    super({ reason: '', sending: false, outcome: null, error: null });
  }

  write(reason: string): void {
    this.update((s) => ({ ...s, reason, error: null }));
  }

  /** Why the reason cannot be sent as it is; null when it can. */
  get problem(): string | null {
    const reason = this.value.reason.trim();
    if (reason === '') return 'Say why you report this.';
    if (reason.length > MAX_REASON) return `At most ${MAX_REASON} characters.`;
    return null;
  }

  async send(): Promise<void> {
    const problem = this.problem;
    if (problem) {
      this.update((s) => ({ ...s, error: problem }));
      return;
    }
    this.update((s) => ({ ...s, sending: true, error: null }));
    try {
      await this.api.file(this.subjectType, this.subjectId, this.value.reason.trim());
      this.update((s) => ({ ...s, sending: false, outcome: 'reported' }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        this.update((s) => ({ ...s, sending: false, outcome: 'already-reported' }));
      } else {
        this.update((s) => ({ ...s, sending: false, error: describe(e) }));
      }
    }
  }
}
