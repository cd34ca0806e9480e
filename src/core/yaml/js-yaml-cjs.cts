// js-yaml's CommonJS build, through a CommonJS module: `require` resolves the package's "require"
// export condition for Node and for the bundler alike (see js-yaml.ts for why riskgate wants it).
import yaml = require('js-yaml');
export = yaml;
