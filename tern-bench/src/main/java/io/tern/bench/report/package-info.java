/**
 * Results and their three renderings: the plain summary on the terminal, a JSON document (every counter,
 * percentile and per-second sample, for tooling and docs), and a self-contained HTML page whose charts are
 * inline SVG drawn here, so the report opens offline with nothing else.
 */
package io.tern.bench.report;
