/** The colour of each kind of node, shared by the canvas nodes and the minimap. */

export type NodeKind = 'trigger' | 'action' | 'filter' | 'switch' | 'code' | 'ai' | 'branch';

/** Accent colour of a kind (border, minimap fill); all pass 3:1 against white. */
export const kindColor: Record<NodeKind, string> = {
  trigger: '#4f46e5',
  action: '#0369a1',
  filter: '#b45309',
  switch: '#7e22ce',
  code: '#047857',
  ai: '#be185d',
  branch: '#98a2b3',
};

/** Light tint of a kind (minimap node body). */
export const kindTint: Record<NodeKind, string> = {
  trigger: '#e0e7ff',
  action: '#e0f2fe',
  filter: '#fef3c7',
  switch: '#f3e8ff',
  code: '#d1fae5',
  ai: '#fce7f3',
  branch: '#f2f4f7',
};

export const kindOf = (type: string | undefined): NodeKind =>
  type && type in kindColor ? (type as NodeKind) : 'action';
