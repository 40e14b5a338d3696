// The version string reported by `--version` and poolwatch_build_info (kept in step with package.json by a test).
export const VERSION = '0.1.0';
