import type {
  BackfillIssue,
  BackfillReport,
  BackfillRunResult,
  IssueKind,
  NotRun,
  NotRunKind,
  RegistryImportCounts,
  RunAction,
} from './types.js';

const bump = <K extends string>(map: Partial<Record<K, number>>, key: K) => {
  map[key] = (map[key] ?? 0) + 1;
};
const byPath =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

/** Collects outcomes as runs finish, in any order, into a report sorted by path. */
export class ReportBuilder {
  private readonly issues: BackfillIssue[] = [];
  private readonly runs: BackfillRunResult[] = [];
  private readonly notRuns: NotRun[] = [];
  readonly registry: RegistryImportCounts = {
    models: 0,
    modelsCreated: 0,
    versionsCreated: 0,
    versionsUnchanged: 0,
    versionsSkipped: 0,
    aliasesSet: 0,
  };
  readonly counts = {
    found: 0,
    read: 0,
    written: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
  };

  constructor(
    private readonly head: Pick<BackfillReport, 'runsDir' | 'root' | 'dryRun' | 'applyOverrides'>,
    private readonly onIssue?: (issue: BackfillIssue) => void,
  ) {}

  issue(issue: BackfillIssue): void {
    this.issues.push(issue);
    this.onIssue?.(issue);
  }

  /** A candidate that could not be read (error) or was deliberately left out (warning). */
  notRead(issues: readonly BackfillIssue[]): void {
    for (const i of issues) this.issue(i);
    if (issues.some((i) => i.severity === 'error')) this.counts.failed++;
    else this.counts.skipped++;
  }

  notRun(notRun: NotRun): void {
    this.notRuns.push(notRun);
  }

  run(result: BackfillRunResult): void {
    this.runs.push(result);
    this.counts.read++;
  }

  acted(action: RunAction): void {
    this.counts[action]++;
    if (action !== 'unchanged') this.counts.written++;
  }

  /** A run that was read but whose facts could not be written. */
  unwritten(runId: string): void {
    const i = this.runs.findIndex((r) => r.run_id === runId);
    if (i >= 0) this.runs.splice(i, 1);
    this.counts.read--;
    this.counts.failed++;
  }

  finish(aborted: boolean): BackfillReport {
    const report: BackfillReport = {
      ...this.head,
      aborted,
      counts: { ...this.counts },
      byLayout: {},
      byConfidence: { high: 0, medium: 0, low: 0 },
      needsReview: 0,
      needsReviewByReason: {},
      errorsByKind: {},
      warningsByKind: {},
      notRuns: [...this.notRuns].sort(byPath((n) => n.path)),
      notRunsByKind: {},
      registry: { ...this.registry },
      issues: [...this.issues].sort(byPath((i) => i.path)),
      runs: [...this.runs].sort(byPath((r) => r.source_path)),
    };
    for (const r of report.runs) {
      bump(report.byLayout, r.layout);
      report.byConfidence[r.meta_confidence]++;
      if (r.needs_review) report.needsReview++;
      for (const reason of r.needs_review_reason) bump(report.needsReviewByReason, reason);
    }
    for (const n of report.notRuns) bump<NotRunKind>(report.notRunsByKind, n.kind);
    for (const i of report.issues) {
      bump<IssueKind>(i.severity === 'error' ? report.errorsByKind : report.warningsByKind, i.kind);
    }
    return report;
  }
}
