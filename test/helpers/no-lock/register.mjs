// `node --import tsx --import <this>`: swaps in a lock that locks nothing (see hooks.mjs).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
