// Colour on a terminal only: off when NO_COLOR is set or output is not a TTY, on with FORCE_COLOR.
import pc from 'picocolors';
import type { CliIO } from '../io.ts';

export type Colors = ReturnType<typeof pc.createColors>;

export function colorsFor(io: CliIO): Colors {
  const env = io.env;
  const forced = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  const disabled = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  return pc.createColors(!disabled && (forced || io.stdout.isTTY === true));
}
