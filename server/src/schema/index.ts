import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import './errors.js';
import './meta.js';
import './run.js';
import './runs.js';
import './experiments.js';
import './coverage.js';
import './compare.js';
import './canonicalize.js';
import './index-status.js';
import './run-writes.js';
import './run-events.js';
import './registry.js';
import './artifacts.js';
import './mirror.js';
import './backfill.js';

export const schema = lexicographicSortSchema(builder.toSchema());
