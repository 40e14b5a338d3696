// `explain` as text: one service, section by section, from the ServiceExplanation the core made (nothing is worked out here).
import type { ServiceExplanation } from '../../core/explain/explain-service.ts';
import { requestedText } from '../../core/explain/requested-text.ts';
import { visibleStrings } from '../../core/report/visible.ts';
import type { Colors } from './color.ts';
import { findingsSection } from './status-table.ts';
import { renderTable } from './table.ts';

/** `label:` lines with their values aligned. */
function fields(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([k]) => k.length)) + 1;
  return rows.map(([k, v]) => `${`${k}:`.padEnd(width)}  ${v}\n`).join('');
}

const bullets = (lines: readonly string[]) => lines.map((l) => `  - ${l}\n`).join('');

function poolSection(e: ServiceExplanation, c: Colors): string {
  const p = e.pool;
  let out = '';
  if (p) {
    const traits = [p.namespace, p.autoAssign ? 'autoAssign' : 'autoAssign: false'];
    if (p.avoidBuggyIPs) traits.push('avoidBuggyIPs');
    traits.push(p.serviceAllocation.length > 0 ? `serviceAllocation: ${p.serviceAllocation.join('; ')}` : 'no serviceAllocation');
    out += `\n${c.bold(`Pool ${p.name}`)} (${traits.join(', ')})${p.location ? ` ${p.location}` : ''}\n`;
  } else if (e.state !== 'ignored') {
    out += `\n${c.bold('Pool')}: none\n`;
  }
  return out + bullets(e.poolChoice);
}

function announcementSection(e: ServiceExplanation, c: Colors): string {
  const a = e.announcement;
  if (!a) return '';
  const color = a.state === 'announced' ? c.green : a.state === 'unknown' ? c.dim : a.state === 'partly' ? c.yellow : c.red;
  let out = `\n${c.bold('Announcement')}: ${color(a.state)}${a.protocol ? ` (${a.protocol})` : ''}\n`;
  const rows: Array<[string, string]> = [];
  if (a.reason) rows.push(['why', `${a.reason.code}: ${a.reason.message}`]);
  rows.push(['nodes', a.nodes.join(', ') || (a.state === 'unknown' ? 'not reported' : 'none')]);
  if (a.protocol !== 'bgp') rows.push(['interfaces', a.interfaces.join(', ') || (a.nodes.length > 0 ? 'all' : '-')]);
  out += fields(rows);
  if (a.peers.length > 0) {
    const state = (s: string) => (s === 'Established' ? c.green(s) : s === 'unknown' ? s : c.red(s));
    out += renderTable(['PEER', 'ADDRESS', 'NODE', 'SESSION'], a.peers.map((p) => [p.name, p.address ?? '-', p.node, state(p.state)]));
  }
  return out;
}

function configurationSection(e: ServiceExplanation, c: Colors): string {
  const states = e.configuration;
  if (states.length === 0) return `\n${c.bold('MetalLB configuration')}: no ConfigurationState objects (MetalLB before v0.15.3, or none readable)\n`;
  const invalid = states.filter((s) => s.result === 'Invalid').length;
  const summary = invalid > 0 ? c.red(`Invalid on ${invalid} of ${states.length}`) : `${states.every((s) => s.result === 'Valid') ? 'Valid' : 'not known'} on all ${states.length}`;
  return `\n${c.bold('MetalLB configuration')}: ${summary}\n${renderTable(
    ['STATE', 'COMPONENT', 'NODE', 'RESULT', 'ERROR'],
    states.map((s) => [s.name, s.component, s.node ?? '-', s.result === 'Invalid' ? c.red(s.result) : s.result, s.errorSummary || '-']),
  )}`;
}

function eventsSection(e: ServiceExplanation, c: Colors): string {
  const ev = e.events;
  if (!ev.read) return `\n${c.bold('Events')}: not read (${ev.note})\n`;
  if (ev.items.length === 0) return `\n${c.bold('Events')}: none\n`;
  const more = ev.omitted > 0 ? ` (the newest ${ev.items.length}; ${ev.omitted} older not shown)` : ` (${ev.items.length})`;
  return `\n${c.bold('Events')}${more}\n${renderTable(
    ['LAST SEEN', 'TYPE', 'REASON', 'FROM', 'COUNT', 'MESSAGE'],
    ev.items.map((i) => [i.lastTimestamp ?? '-', i.type === 'Warning' ? c.yellow(i.type) : i.type, i.reason, i.source ?? '-', String(i.count), i.message]),
    new Set([4]),
  )}`;
}

export function renderExplainText(exact: ServiceExplanation, c: Colors): string {
  // Names, labels, messages and event texts come from the cluster: control characters are shown as escapes.
  const e = visibleStrings(exact);
  const s = e.service;
  let out = `${c.bold(`Service ${s.namespace}/${s.name}`)}${s.location ? ` ${s.location}` : ''}\n`;
  const rows: Array<[string, string]> = [
    ['type', `${s.type}${s.loadBalancerClass !== null ? `, loadBalancerClass "${s.loadBalancerClass}"` : ''}${s.externalTrafficPolicy ? `, externalTrafficPolicy ${s.externalTrafficPolicy}` : ''}`],
    ['MetalLB', e.handled ? 'handles it' : `does not handle it: ${e.notHandledBecause}`],
    ['state', e.state === 'pending' ? c.yellow(e.state) : e.state],
  ];
  if (e.handled) rows.push(['asks for', requestedText(e.requested)]);
  if (e.pending) rows.push(['pending', `${e.pending.code}: ${e.pending.message}`]);
  else if (e.state === 'pending') rows.push(['pending', 'no AllocationFailed event and no explanation found']);
  out += fields(rows);
  out += poolSection(e, c);
  if (e.addresses.length > 0) {
    out += `\n${c.bold(`Addresses (${e.addresses.length})`)}\n`;
    out += renderTable(
      ['ADDRESS', 'FAMILY', 'POOLS', 'SHARED WITH'],
      e.addresses.map((a) => [a.ip, a.family === 'ipv4' ? 'IPv4' : 'IPv6', a.pools.join(',') || '-', a.sharedWith.join(',') || '-']),
    );
  }
  out += announcementSection(e, c);
  out += configurationSection(e, c);
  out += eventsSection(e, c);
  out += findingsSection(e.findings, c);
  out += `\n${c.bold('Next steps')}\n${e.nextSteps.map((step, i) => `  ${i + 1}. ${step}\n`).join('')}`;
  return out;
}
