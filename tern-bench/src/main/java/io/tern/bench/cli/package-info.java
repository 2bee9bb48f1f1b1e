/**
 * The command line: one picocli subcommand per scenario, the options they share, and the common flow of
 * running a scenario, printing the summary and writing the JSON and HTML report.
 */
package io.tern.bench.cli;
