/**
 * The field a click in the sample tree maps into: the input focused last. The step panel
 * provides it; each mapped input registers itself on focus; the tree calls `insert`.
 */
import { inject, provide, shallowRef, type InjectionKey, type ShallowRef } from 'vue';

export interface MappingTarget {
  label: string;
  insert(template: string): void;
}

interface MappingContext {
  target: ShallowRef<MappingTarget | null>;
}

const key: InjectionKey<MappingContext> = Symbol('mapping-target');

/** Called by the panel that holds both the tree and the inputs. */
export function provideMappingTarget(): MappingContext {
  const context = { target: shallowRef<MappingTarget | null>(null) };
  provide(key, context);
  return context;
}

/** The context, or a detached one (an input outside a panel). */
export function useMappingTarget(): MappingContext {
  return inject(key, { target: shallowRef<MappingTarget | null>(null) });
}
