#!/usr/bin/env node
'use strict';
// Thin launcher for the compiled CLI (`npm ci` builds dist/ through the `prepare` script).
require('../dist/src/cli/main.js').runCli(process.argv);
