/** What a node shows for a step: its app icon, title and kind. */
import type { ConnectorManifest, Step } from '../api/types.ts';

export interface StepLabel {
  title: string;
  subtitle: string;
  icon?: string;
  glyph: string;
}

const glyphs: Record<string, string> = { filter: '▽', switch: '⇄', code: '{ }', ai: '✦', action: '▶', trigger: '⚡' };

export function stepLabel(step: Step, manifests: Record<string, ConnectorManifest>): StepLabel {
  if (step.type === 'action') {
    const m = step.connector ? manifests[step.connector] : undefined;
    const a = m?.actions.find((x) => x.key === step.action);
    return {
      title: step.name ?? a?.displayName ?? step.action ?? 'Action',
      subtitle: `${m?.displayName ?? step.connector ?? 'App'} · action`,
      icon: m?.icon,
      glyph: glyphs.action,
    };
  }
  const names: Record<string, string> = { filter: 'Filter', switch: 'Switch', code: 'Code', ai: 'AI' };
  return {
    title: step.name ?? names[step.type] ?? step.type,
    subtitle: `${names[step.type] ?? step.type} · ${step.id}`,
    glyph: glyphs[step.type] ?? '•',
  };
}

export function triggerLabel(
  trigger: { connector: string; trigger: string },
  manifests: Record<string, ConnectorManifest>,
): StepLabel {
  const m = manifests[trigger.connector];
  const t = m?.triggers.find((x) => x.key === trigger.trigger);
  return {
    title: t?.displayName ?? trigger.trigger,
    subtitle: `${m?.displayName ?? trigger.connector} · trigger`,
    icon: m?.icon,
    glyph: glyphs.trigger,
  };
}
