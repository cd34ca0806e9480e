// Kept equal to package.json's version by a test (bundles cannot always read package.json).
export const VERSION = '0.1.0';
export const TOOL_NAME = 'riskgate';
/** Where rule documentation is published; SARIF helpUri and text output link here. */
export const DOCS_BASE = 'https://github.com/riskgate/riskgate/blob/main/docs/rules';
