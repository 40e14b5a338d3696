// poolwatch_watch_errors_total: watch lines that could not be used, and watches taken for dead, per resource and reason.
import type { FamilyDeclaration } from '../family.ts';

export const watchErrorsTotal: FamilyDeclaration = {
  name: 'poolwatch_watch_errors_total',
  help: 'Watch stream lines that could not be used (skipped, and the resource listed again when something may have been lost) and watches taken for dead, per resource and reason.',
  type: 'counter',
  labels: ['resource', 'reason'],
  set: 'native',
  live: true,
  doc: 'lines or watches; `reason` is `invalid-json`, `invalid-object`, `invalid-bookmark`, `invalid-error`, `unknown-type` or `silent` (no event and no bookmark within `--dead-watch-timeout`); kube source only',
  *samples({ health }) {
    for (const [resource, reasons] of Object.entries(health.watchErrors ?? {})) {
      for (const [reason, n] of Object.entries(reasons)) yield [{ resource, reason }, n];
    }
  },
};
