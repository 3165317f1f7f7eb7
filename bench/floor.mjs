// The floor of the benchmark: a bundle that only loads the toolkit (@actions/core and
// @actions/http-client, as every action built on them does) and exits. Built by bench.mjs with the
// project's ncc and options, measured beside the action in the same run.
import * as core from '@actions/core';
import { HttpClient } from '@actions/http-client';

// Kept reachable so the bundler keeps both modules whole.
globalThis.toolkitFloor = [core.getInput, HttpClient];
