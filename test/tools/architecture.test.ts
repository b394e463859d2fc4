/**
 * The architecture diagram (tools/architecture.ts, tools/diagram-svg.ts): its boxes come from the
 * resources a run registered and its paths from the flow table, never from a hand-drawn list; the
 * SVG layout keeps boxes apart and inside their groups, and a real SVG renderer draws it.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { architectureGraph, ArchitectureGraph, graphMermaid } from "../../tools/architecture";
import { Box, graphSvg, layoutGraph } from "../../tools/diagram-svg";
import { COMMERCE_FLOWS, FlowTable } from "../../stacks/flows";
import { needTool, tempFiles } from "../support/real-tools";
import { stackRun } from "../support/stacks";
import { configOf } from "../../tools/readme";

const run = (...types: string[]) => ({ resources: types.map((type) => ({ type })) });
const EDGE_TYPES = ["aws:cloudfront/distribution:Distribution", "aws:lb/loadBalancer:LoadBalancer", "aws:sns/topic:Topic"];
const DATA_TYPES = ["aws:rds/instance:Instance", "aws:rds/instance:Instance", "aws:rds/proxy:Proxy"];

const overlap = (a: Box, b: Box) => Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;
const inside = (inner: Box, outer: Box) =>
  inner.x - inner.width / 2 >= outer.x - outer.width / 2 &&
  inner.x + inner.width / 2 <= outer.x + outer.width / 2 &&
  inner.y - inner.height / 2 >= outer.y - outer.height / 2 &&
  inner.y + inner.height / 2 <= outer.y + outer.height / 2;

describe("the architecture diagram", () => {
  it("draws a path for each flow of the table, and only those", () => {
    const graph = architectureGraph({ run: run(...EDGE_TYPES, ...DATA_TYPES), table: COMMERCE_FLOWS });
    const has = (from: string, to: string) => graph.edges.some((e) => e.from === from && e.to === to);
    assert.ok(has("storefront", "api") && has("api", "proxy") && has("workers", "proxy") && has("proxy", "db"));
    assert.ok(has("alb", "storefront") && has("alb", "api") && !has("alb", "workers"), "workers take no traffic");
    assert.ok(has("api", "ext_payments") && has("workers", "ext_erp") && !has("storefront", "ext_payments"));
    const telemetry = graph.edges.find((e) => e.from === "monitoring" && e.to === "workers")!;
    assert.ok(telemetry.both && telemetry.dotted, "scraped and sending traces: one dotted path both ways");

    const table: FlowTable = structuredClone(COMMERCE_FLOWS);
    table.storefront.egress = table.storefront.egress.filter((e) => e.kind !== "workload");
    const without = architectureGraph({ run: run(...EDGE_TYPES, ...DATA_TYPES), table });
    assert.ok(!without.edges.some((e) => e.from === "storefront" && e.to === "api"), "a closed flow is no path");
  });

  it("draws a box only for what the run registered", () => {
    const bare = architectureGraph({ run: run("aws:rds/instance:Instance"), table: COMMERCE_FLOWS });
    const ids = bare.nodes.map((n) => n.id);
    for (const absent of ["cdn", "alb", "proxy", "cache", "alerts", "account"]) assert.ok(!ids.includes(absent), absent);
    assert.ok(
      bare.edges.some((e) => e.from === "api" && e.to === "db"),
      "without a proxy the path goes to the database",
    );
    assert.deepEqual(bare.nodes.find((n) => n.id === "db")!.label, ["PostgreSQL", "1 instance"]);

    const cache = architectureGraph({
      run: run("aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup"),
      table: { api: { ingress: [], egress: [{ kind: "cache" }] } },
    });
    assert.ok(cache.edges.some((e) => e.from === "api" && e.to === "cache"));

    // The ALB the load balancer controller builds from Ingresses is the same box.
    const ingress = architectureGraph({ run: run("kubernetes:networking.k8s.io/v1:Ingress"), table: COMMERCE_FLOWS });
    assert.ok(ingress.edges.some((e) => e.from === "alb" && e.to === "storefront"));
  });

  it("renders Mermaid with one declaration per box, inside its subgraph", () => {
    const graph = architectureGraph({ run: run(...EDGE_TYPES, ...DATA_TYPES), table: COMMERCE_FLOWS });
    const text = graphMermaid(graph);
    assert.match(text, /^flowchart LR\n/);
    assert.match(text, /subgraph eks\["EKS cluster \(private subnets\)"\]\n {4}api\["api"\]/);
    assert.match(text, / {4}db\[\("PostgreSQL<br\/>2 instances"\)\]/);
    assert.match(text, / {2}buyers\(\("Buyers \(browser\)"\)\)/);
    for (const n of graph.nodes) assert.equal(text.split("\n").filter((l) => l.trim().startsWith(`${n.id}`)).length >= 1, true);
    assert.equal(text.match(/ <?-->| <?-\.->/g)?.length, graph.edges.length);
    assert.match(text, / {2}monitoring <-\.->\|scrape, OTLP\| api\n/);
  });

  for (const stack of ["dev", "prod"] as const) {
    it(`lays out ${stack}'s diagram with no two boxes overlapping and each inside its group`, async () => {
      const config = configOf(stack);
      const graph = architectureGraph({ run: await stackRun(stack), table: config.flows.table });
      const laid = layoutGraph(graph);
      const boxes = graph.nodes.map((n) => ({ n, box: laid.boxes.get(n.id)! }));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          assert.ok(!overlap(boxes[i].box, boxes[j].box), `${boxes[i].n.id} overlaps ${boxes[j].n.id}`);
      for (const { n, box } of boxes) if (n.group) assert.ok(inside(box, laid.boxes.get(n.group)!), `${n.id} in ${n.group}`);
      for (const [i, e] of laid.edges.entries()) assert.ok(e.points.length >= 2, `edge ${i} has a route`);
      assert.ok(laid.width < 4000 && laid.height < 1500, `${laid.width} x ${laid.height}: a picture, not a list`);
    });
  }

  it("is a well-formed SVG a real renderer draws (rsvg-convert)", function () {
    needTool(this, "rsvg-convert");
    const graph: ArchitectureGraph = architectureGraph({ run: run(...EDGE_TYPES, ...DATA_TYPES), table: COMMERCE_FLOWS });
    const dir = tempFiles({ "a.svg": graphSvg(graph, { title: "Stack test & <check>" }), "bad.svg": "<svg><g></svg>" });
    const ok = spawnSync("rsvg-convert", ["-o", path.join(dir, "a.png"), path.join(dir, "a.svg")], { encoding: "utf8" });
    assert.equal(ok.status, 0, ok.stderr);
    assert.ok(fs.statSync(path.join(dir, "a.png")).size > 1000);
    const bad = spawnSync("rsvg-convert", ["-o", path.join(dir, "bad.png"), path.join(dir, "bad.svg")], { encoding: "utf8" });
    assert.notEqual(bad.status, 0, "the renderer refuses malformed XML: the check can fail");
  });
});
