// Rule invalid-manifest: objects that could not be read (syntax errors, wrong field types, missing names).
import type { LedgerRule } from './finding.ts';
import { finding } from './finding.ts';

export const invalidManifest: LedgerRule = {
  code: 'invalid-manifest',
  evaluate: ({ ledger }) =>
    ledger.problems.map((p) => finding(p.code, p.message, p.object ? [p.object] : [], p.location)),
};
