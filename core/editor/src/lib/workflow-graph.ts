/**
 * The canvas's nodes and edges for a workflow document, laid out top to bottom with dagre: the
 * trigger, then each step; a switch fans out into one column per case and default, which join
 * again before the next step. Each edge knows where a step inserted on it goes.
 */
import dagre from '@dagrejs/dagre';
import type { Step, WorkflowDocument } from '../api/types.ts';
import type { InsertAt } from './workflow-steps.ts';

export const NODE_WIDTH = 260;
export const NODE_HEIGHT = 76;
const BRANCH_WIDTH = 150;
const BRANCH_HEIGHT = 40;

export interface GraphNode {
  id: string;
  type: 'trigger' | 'step' | 'branch';
  position: { x: number; y: number };
  data: { stepId?: string; label?: string; insert?: InsertAt };
}
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  data: { insert?: InsertAt };
}

/** Nodes and edges, positioned. Empty branches get a small "add step" node. */
export function workflowGraph(doc: WorkflowDocument): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [{ id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: {} }];
  const edges: GraphEdge[] = [];
  const edge = (source: string, target: string, insert?: InsertAt, label?: string) =>
    edges.push({ id: `${source}->${target}${label ? `:${label}` : ''}`, source, target, label, data: { insert } });

  /** Lays out a list after `from` nodes; returns the nodes the next step continues from (with where it inserts). */
  const chain = (steps: Step[], from: Array<{ id: string; insert: InsertAt; label?: string }>) => {
    let tails = from;
    for (const step of steps) {
      nodes.push({ id: step.id, type: 'step', position: { x: 0, y: 0 }, data: { stepId: step.id } });
      for (const t of tails) edge(t.id, step.id, t.insert, t.label);
      if (step.type === 'switch') {
        const branches: Array<[string, Step[], string]> = Object.entries(step.cases ?? {}).map(([k, v]) => [k, v, k]);
        branches.push(['default', step.default ?? [], 'default']);
        tails = [];
        for (const [key, list, label] of branches) {
          const insert: InsertAt = { switchId: step.id, branch: key };
          if (list.length) tails.push(...chain(list, [{ id: step.id, insert, label }]));
          else {
            const id = `branch:${step.id}:${key}`;
            nodes.push({ id, type: 'branch', position: { x: 0, y: 0 }, data: { label, insert } });
            edge(step.id, id, insert, label);
          }
        }
        if (!tails.length) tails = [{ id: step.id, insert: { after: step.id } }];
        else tails = tails.map((t) => ({ id: t.id, insert: { after: step.id } }));
      } else {
        tails = [{ id: step.id, insert: { after: step.id } }];
      }
    }
    return tails;
  };
  chain(doc.steps, [{ id: 'trigger', insert: { after: 'trigger' } }]);

  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 56 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes)
    g.setNode(
      n.id,
      n.type === 'branch' ? { width: BRANCH_WIDTH, height: BRANCH_HEIGHT } : { width: NODE_WIDTH, height: NODE_HEIGHT },
    );
  for (const e of edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  for (const n of nodes) {
    const p = g.node(n.id);
    const w = n.type === 'branch' ? BRANCH_WIDTH : NODE_WIDTH;
    const h = n.type === 'branch' ? BRANCH_HEIGHT : NODE_HEIGHT;
    n.position = { x: p.x - w / 2, y: p.y - h / 2 };
  }
  return { nodes, edges };
}
