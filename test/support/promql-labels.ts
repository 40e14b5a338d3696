// Reads PromQL with Prometheus' own grammar (lezer-promql) and names every place an expression drops a given label.
import { parser } from '@prometheus-io/lezer-promql';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** Functions whose result carries no labels at all, whatever their argument had. */
const LABEL_FREE_FUNCTIONS = new Set(['vector', 'absent', 'absent_over_time', 'scalar', 'time']);

function groupingLabels(node: SyntaxNode | null, text: string): string[] {
  const labels: string[] = [];
  for (let child = node?.getChild('GroupingLabels')?.firstChild ?? null; child; child = child.nextSibling) {
    if (child.name === 'LabelName') labels.push(text.slice(child.from, child.to));
  }
  return labels;
}

/**
 * Every construct of `expr` that loses `label` from its result or matches series across its values: an aggregation
 * without it in `by` (or with it in `without`), a binary match `on(...)` without it (or `ignoring(...)` with it), a
 * function whose result has no labels. An empty list means each series keeps the label it came with. Throws on a
 * parse error, naming the position.
 */
export function labelLosses(expr: string, label: string): string[] {
  const tree = parser.parse(expr);
  const problems: string[] = [];
  const at = (node: SyntaxNode) => `${JSON.stringify(expr.slice(node.from, Math.min(node.to, node.from + 60)).replace(/\s+/g, ' '))}`;
  tree.iterate({
    enter(ref) {
      const node = ref.node;
      if (ref.type.isError) throw new Error(`PromQL does not parse at offset ${ref.from}: ${expr}`);
      if (ref.name === 'AggregateExpr') {
        const modifier = node.getChild('AggregateModifier');
        const kind = modifier?.firstChild?.name;
        const labels = groupingLabels(modifier, expr);
        if (kind === 'By' ? !labels.includes(label) : kind === 'Without' ? labels.includes(label) : true) {
          problems.push(`aggregation drops ${label}: ${at(node)}`);
        }
      } else if (ref.name === 'MatchingModifierClause') {
        const kind = node.firstChild?.name;
        const labels = groupingLabels(node, expr);
        if ((kind === 'On' && !labels.includes(label)) || (kind === 'Ignoring' && labels.includes(label))) {
          problems.push(`vector matching ignores ${label}: ${at(node.parent ?? node)}`);
        }
      } else if (ref.name === 'FunctionIdentifier') {
        const name = expr.slice(ref.from, ref.to);
        if (LABEL_FREE_FUNCTIONS.has(name)) problems.push(`${name}() has no ${label}: ${at(node.parent ?? node)}`);
      }
    },
  });
  return problems;
}
