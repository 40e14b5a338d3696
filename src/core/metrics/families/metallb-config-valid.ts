// poolwatch_metallb_config_valid: whether MetalLB's controller and each speaker accepted the configuration (ConfigurationState).
import type { FamilyDeclaration } from '../family.ts';

export const metallbConfigValid: FamilyDeclaration = {
  name: 'poolwatch_metallb_config_valid',
  help: 'Whether the MetalLB component accepted the configuration, from its ConfigurationState: 1 Valid, 0 Invalid.',
  type: 'gauge',
  labels: ['component'],
  set: 'native',
  doc: '1 or 0; `component` is the ConfigurationState\'s name (`controller`, `speaker-<node>`, MetalLB v0.15.3+); a component whose result is Unknown (not reported yet) has no series',
  *samples({ report }) {
    for (const c of report.facts.announcement?.configurationStates ?? []) {
      if (c.result !== 'Unknown') yield [{ component: c.component }, c.result === 'Valid' ? 1 : 0];
    }
  },
};
