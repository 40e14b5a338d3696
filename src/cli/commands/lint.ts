// `poolwatch lint PATH...`: every finding as `file:line:col: severity code: message`; exit 1 at or above --fail-on.
import { analyze } from '../../core/pipeline/analyze.ts';
import { severityRank, type Severity } from '../../core/report/codes.ts';
import { REPORT_API_VERSION } from '../../core/report/json.ts';
import { snapshotFromTexts } from '../../core/manifest/snapshot.ts';
import { readManifestTexts, requireUsable } from '../../sources/manifests.ts';
import { EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, type CliCommand } from '../command.ts';
import { nowOf } from '../io.ts';
import { visible } from '../../core/report/visible.ts';
import { failOnOption, manifestOptions, maxInputSizeOption, metallbNamespaceOption, outputOption } from '../options.ts';
import { colorsFor } from '../render/color.ts';
import { renderLintText } from '../render/lint-text.ts';

interface LintOptions {
  output: 'text' | 'json';
  failOn: Severity;
  maxInputSize: string;
  metallbNamespace: string;
}

export const lintCommand: CliCommand = {
  name: 'lint',
  examples: [
    ['poolwatch lint manifests/', 'file:line:col per problem, exit 1 on an error'],
    ['poolwatch lint --fail-on warning manifests/', 'fail the build on warnings too'],
    ['poolwatch lint -o json pools.yaml', 'findings as JSON'],
  ],
  register(program, io, done) {
    program
      .command('lint')
      .description('check MetalLB and Service manifests; every problem with file:line:col')
      .argument('<paths...>', 'manifest files or directories (- for stdin)')
      .addOption(outputOption(['text', 'json'], 'text'))
      .addOption(failOnOption())
      .addOption(metallbNamespaceOption())
      .addOption(maxInputSizeOption())
      .action(async (paths: string[], opts: LintOptions) => {
        // Notices (files skipped or read with a caveat) go to standard error as they come, and into the JSON.
        const notices: string[] = [];
        const reading = manifestOptions(io, paths, opts.maxInputSize);
        const tell = reading.notice;
        const texts = await readManifestTexts({
          ...reading,
          notice: (message) => {
            notices.push(visible(message));
            tell?.(message);
          },
        });
        const snapshot = snapshotFromTexts(texts, { metallbNamespace: opts.metallbNamespace });
        // Nothing usable but located problems: report them all, then exit 2 (the input is unreadable).
        let unusable = false;
        try {
          requireUsable(snapshot, texts);
        } catch (e) {
          if (snapshot.problems.length === 0) throw e;
          unusable = true;
        }
        const { findings } = analyze(snapshot, { now: nowOf(io), metallbNamespace: opts.metallbNamespace });
        if (opts.output === 'json') {
          const summary = { error: 0, warning: 0, info: 0 };
          for (const f of findings) summary[f.severity]++;
          io.stdout.write(`${JSON.stringify({ apiVersion: REPORT_API_VERSION, findings, summary, notices }, null, 2)}\n`);
        } else {
          io.stdout.write(renderLintText(findings, colorsFor(io)));
        }
        if (unusable) {
          io.stderr.write('poolwatch: nothing usable remains in the input\n');
          done(EXIT_USAGE);
          return;
        }
        const failing = findings.some((f) => severityRank(f.severity) >= severityRank(opts.failOn));
        done(failing ? EXIT_CHECK_FAILED : EXIT_OK);
      });
  },
};
