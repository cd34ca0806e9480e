#!/usr/bin/env node
// The riskgate command as published: the bundle in dist/cli/, with no dependency to install.
import './cli/index.js';
