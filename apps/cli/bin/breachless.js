#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `breachless` works right after `npm ci`
// with no build step for the user.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
