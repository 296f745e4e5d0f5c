// A workflow transition as the transitions API and the transitions expansion show it.
import { resolutions, statuses, type TransitionDef } from '../../store.js';
import { resolutionJson, statusDetails, type View } from './site.js';

export function transitionJson(v: View, tr: TransitionDef, withFields: boolean) {
  const to = statuses(v.t).get(tr.to);
  const out: Record<string, unknown> = {
    id: tr.id,
    name: tr.name,
    to: to ? statusDetails(v, to) : null,
    hasScreen: false,
    isGlobal: tr.from.length === 0,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
  if (withFields) {
    // Transitions into a done status accept a resolution; nothing else is on their (absent) screens.
    out.fields = to?.category === 'done'
      ? {
          resolution: {
            required: false,
            schema: { type: 'resolution', system: 'resolution' },
            name: 'Resolution',
            key: 'resolution',
            operations: ['set'],
            allowedValues: resolutions(v.t).values().map((r) => resolutionJson(v, r)),
          },
        }
      : {};
  }
  return out;
}
