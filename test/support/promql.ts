/** PromQL checks with the Prometheus project's own grammar (npm `@prometheus-io/lezer-promql`). */
import { parser } from "@prometheus-io/lezer-promql";

/** Syntax errors of an expression, as "error at <offset>: <text from there>" (empty: it parses). */
export function promqlErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: (n) => {
      if (n.type.isError) errors.push(`error at ${n.from}: ${expr.slice(n.from, n.from + 30) || "<end>"}`);
    },
  });
  return errors;
}

/** Metric names the expression selects (vector and matrix selectors). */
export function promqlMetrics(expr: string): string[] {
  const names = new Set<string>();
  parser.parse(expr).iterate({
    enter: (n) => {
      if (n.name === "VectorSelector") {
        const id = n.node.getChild("Identifier");
        if (id) names.add(expr.slice(id.from, id.to));
      }
    },
  });
  return [...names];
}
