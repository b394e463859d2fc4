/**
 * Draws an architecture graph (tools/architecture.ts) as a standalone SVG: the layout is computed
 * by dagre (the layered layout Mermaid itself uses for flowcharts, https://github.com/dagrejs/dagre),
 * the shapes follow the Mermaid rendering of the same graph (circles for people, cylinders for data
 * stores, stadiums for outside services), so the README's picture and the plan's agree.
 */
import dagre from "@dagrejs/dagre";
import type { ArchitectureGraph, ArchitectureNode } from "./architecture";

export interface SvgOptions {
  title: string;
  /** Node ids drawn red (a mandatory violation on one of the resources they stand for). */
  violating?: Set<string>;
}

const FONT = 13;
const CHAR = 7.2; // average advance of the sans-serif font at 13 px
const LINE = 17;
const PAD_X = 14;
const PAD_Y = 10;
const TITLE_H = 44;

export function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function size(n: ArchitectureNode): { width: number; height: number } {
  const text = Math.max(...n.label.map((l) => l.length)) * CHAR;
  const height = n.label.length * LINE + 2 * PAD_Y + (n.shape === "store" ? 14 : 0);
  if (n.shape === "actor") return { width: text + 4 * PAD_X, height: height + 16 };
  return { width: text + 2 * PAD_X + (n.shape === "external" ? height / 2 : 0), height };
}

function shape(n: ArchitectureNode, x: number, y: number, w: number, h: number, stroke: string): string {
  const left = x - w / 2;
  const top = y - h / 2;
  const style = `fill="#fff" stroke="${stroke}" stroke-width="${stroke === "#c00" ? 3 : 1.5}"`;
  switch (n.shape) {
    case "actor":
      return `<ellipse cx="${x}" cy="${y}" rx="${w / 2}" ry="${h / 2}" ${style}/>`;
    case "external":
      return `<rect x="${left}" y="${top}" width="${w}" height="${h}" rx="${h / 2}" ${style}/>`;
    case "store": {
      const ry = 7;
      return (
        `<path d="M${left} ${top + ry} A${w / 2} ${ry} 0 0 1 ${left + w} ${top + ry} V${top + h - ry} ` +
        `A${w / 2} ${ry} 0 0 1 ${left} ${top + h - ry} Z" ${style}/>` +
        `<path d="M${left} ${top + ry} A${w / 2} ${ry} 0 0 0 ${left + w} ${top + ry}" fill="none" stroke="${stroke}"/>`
      );
    }
    default:
      return `<rect x="${left}" y="${top}" width="${w}" height="${h}" rx="4" ${style}/>`;
  }
}

function text(lines: string[], x: number, y: number, attrs = ""): string {
  const first = y - ((lines.length - 1) * LINE) / 2 + FONT / 2 - 2;
  return lines.map((l, i) => `<text x="${x}" y="${first + i * LINE}" text-anchor="middle"${attrs}>${xml(l)}</text>`).join("");
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  width: number;
  height: number;
  /** Centre and size of each node and each non-empty group. */
  boxes: Map<string, Box>;
  /** Per edge (in the graph's order): its polyline and, if labelled, the label's box. */
  edges: { points: { x: number; y: number }[]; label?: Box }[];
}

/** Positions of every node, group and edge (dagre's layered layout, left to right). */
export function layoutGraph(graph: ArchitectureGraph): Layout {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 24, ranksep: 70, edgesep: 12, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const groups = graph.groups.filter((grp) => graph.nodes.some((n) => n.group === grp.id));
  for (const grp of groups) g.setNode(grp.id, { label: grp.label, paddingTop: 28 });
  for (const n of graph.nodes) {
    g.setNode(n.id, size(n));
    if (n.group) g.setParent(n.id, n.group);
  }
  graph.edges.forEach((e, i) => {
    const labelled = e.label ? { width: e.label.length * CHAR * 0.9 + 8, height: LINE, labelpos: "c" as const } : {};
    g.setEdge({ v: e.from, w: e.to, name: String(i) }, labelled);
  });
  dagre.layout(g);
  const boxes = new Map<string, Box>();
  for (const key of [...groups.map((grp) => grp.id), ...graph.nodes.map((n) => n.id)]) {
    const { x, y, width, height } = g.node(key);
    boxes.set(key, { x, y, width, height });
  }
  const edges = graph.edges.map((e, i) => {
    const laid = g.edge({ v: e.from, w: e.to, name: String(i) });
    const points: { x: number; y: number }[] = laid.points ?? [];
    const label =
      e.label && laid.x !== undefined && laid.y !== undefined
        ? { x: laid.x, y: laid.y, width: laid.width ?? 0, height: LINE }
        : undefined;
    return { points, label };
  });
  return { width: g.graph().width ?? 0, height: g.graph().height ?? 0, boxes, edges };
}

/** The SVG document of a graph. */
export function graphSvg(graph: ArchitectureGraph, options: SvgOptions): string {
  const laid = layoutGraph(graph);
  const groups = graph.groups.filter((grp) => laid.boxes.has(grp.id));
  const width = Math.ceil(Math.max(laid.width, options.title.length * CHAR + 40));
  const height = Math.ceil(laid.height + TITLE_H);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="Helvetica, Arial, sans-serif" font-size="${FONT}">`,
    "<defs>",
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">',
    '<path d="M0 0 L10 5 L0 10 z" fill="#555"/></marker>',
    "</defs>",
    `<rect width="100%" height="100%" fill="#fafafa"/>`,
    `<text x="20" y="26" font-weight="bold" font-size="15">${xml(options.title)}</text>`,
    `<g transform="translate(0 ${TITLE_H})">`,
  ];
  for (const grp of groups) {
    const box = laid.boxes.get(grp.id)!;
    const left = box.x - box.width / 2;
    const top = box.y - box.height / 2;
    out.push(
      `<g class="group" id="group-${grp.id}"><rect x="${left}" y="${top}" width="${box.width}" height="${box.height}" rx="8" ` +
        `fill="#eef3fb" stroke="#89a"/><text x="${left + 10}" y="${top + 18}" font-weight="bold">${xml(grp.label)}</text></g>`,
    );
  }
  graph.edges.forEach((e, i) => {
    const { points, label } = laid.edges[i];
    const d = points.map((p, k) => `${k === 0 ? "M" : "L"}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(" ");
    const dash = e.dotted ? ' stroke-dasharray="5 4"' : "";
    out.push(
      `<g class="edge" data-from="${e.from}" data-to="${e.to}"><path d="${d}" fill="none" stroke="#555" stroke-width="1.3"${dash} marker-end="url(#arrow)"${e.both ? ' marker-start="url(#arrow)"' : ""}/>` +
        (e.label && label
          ? `<rect x="${label.x - label.width / 2}" y="${label.y - LINE / 2}" width="${label.width}" height="${LINE}" fill="#fafafa"/>` +
            text([e.label], label.x, label.y, ' font-size="11" fill="#333"')
          : "") +
        "</g>",
    );
  });
  for (const n of graph.nodes) {
    const box = laid.boxes.get(n.id)!;
    const stroke = options.violating?.has(n.id) ? "#c00" : n.shape === "actor" ? "#555" : "#336";
    out.push(
      `<g class="node" id="node-${n.id}">${shape(n, box.x, box.y, box.width, box.height, stroke)}${text(n.label, box.x, box.y)}</g>`,
    );
  }
  out.push("</g>", "</svg>", "");
  return out.join("\n");
}
