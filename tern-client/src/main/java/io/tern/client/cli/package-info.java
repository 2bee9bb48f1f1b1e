/**
 * {@code tern-cli}, the console client: CIM's commands ({@code :olu}, {@code userId;;message}, {@code :q!},
 * {@code :all}) and more, on top of the SDK, with JLine for line editing, history and completion.
 *
 * <p>How it is put together, and why:
 * <ul>
 *   <li>{@link io.tern.client.cli.TernCli} is {@code main}: options (picocli) and the system terminal.
 *       {@link io.tern.client.cli.Console} runs one session on any JLine terminal, so tests drive it through
 *       plain streams.</li>
 *   <li>Input: {@link io.tern.client.cli.CommandParser} turns a line into an
 *       {@link io.tern.client.cli.Invocation}; {@link io.tern.client.cli.Commands} is the table from command
 *       name to {@link io.tern.client.cli.Command}, one small class per command, run against the session
 *       state in {@link io.tern.client.cli.Chat}.</li>
 *   <li>Output: {@link io.tern.client.cli.Formatter} turns messages and lists into text (pure, no I/O);
 *       {@link io.tern.client.cli.Screen} prints it above the prompt so a half-typed line is never garbled.</li>
 *   <li>Threads: commands run on the thread that reads input. What the SDK reports arrives on the client's
 *       event thread, which must never block, so {@link io.tern.client.cli.Printer} hands it to one output
 *       thread of the console, which may look up names over HTTP before printing, in arrival order.</li>
 * </ul>
 */
package io.tern.client.cli;
