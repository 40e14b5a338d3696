// The one list of recording-rule groups.
import type { MonitoringConfig } from '../config.ts';
import type { RecordingRule, RuleGroup } from '../types.ts';
import { poolRatioRules } from './pool-ratios.ts';

export const recordingGroups: Array<(config: MonitoringConfig) => RuleGroup<RecordingRule>> = [poolRatioRules];

export function generateRecordingGroups(config: MonitoringConfig): Array<RuleGroup<RecordingRule>> {
  return recordingGroups.map((group) => group(config));
}
