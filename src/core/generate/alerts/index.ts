// The one list of alert groups, and the pass that gives every alert its runbook link.
import type { MonitoringConfig } from '../config.ts';
import type { AlertGroupDraft, AlertingRule, RuleGroup } from '../types.ts';
import { addressFindingAlerts } from './address-findings.ts';
import { metallbAnnouncementAlerts } from './metallb-announcement.ts';
import { metallbComponentAlerts } from './metallb-components.ts';
import { metallbRoutingAlerts } from './metallb-routing.ts';
import { poolCapacityAlerts } from './pool-capacity.ts';
import { poolForecastAlerts } from './pool-forecast.ts';
import { poolwatchHealthAlerts } from './poolwatch-health.ts';
import { serviceAlerts } from './services.ts';

export const alertGroups: Array<(config: MonitoringConfig) => AlertGroupDraft> = [
  poolCapacityAlerts,
  poolForecastAlerts,
  serviceAlerts,
  addressFindingAlerts,
  metallbComponentAlerts,
  metallbRoutingAlerts,
  metallbAnnouncementAlerts,
  poolwatchHealthAlerts,
];

/** The anchor GitHub and most Markdown renderers give the heading `## AlertName` in docs/runbook.md. */
export function runbookAnchor(alert: string): string {
  return alert.toLowerCase();
}

export function runbookUrl(config: MonitoringConfig, alert: string): string {
  return config.runbookUrlPattern.replace('{anchor}', runbookAnchor(alert));
}

/** Every alert group, each alert with summary, description and runbook_url (one pass, like kubernetes-mixin's). */
export function generateAlertGroups(config: MonitoringConfig): Array<RuleGroup<AlertingRule>> {
  return alertGroups.map((group) => {
    const draft = group(config);
    return {
      name: draft.name,
      rules: draft.rules.map((rule) => ({
        ...rule,
        annotations: { ...rule.annotations, runbook_url: runbookUrl(config, rule.alert) },
      })),
    };
  });
}
