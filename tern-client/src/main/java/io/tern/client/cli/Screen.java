package io.tern.client.cli;

import java.io.Console;
import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.spi.TerminalExt;

/**
 * The terminal as the console uses it: lines printed above the prompt from any thread (JLine's
 * {@link LineReader#printAbove} erases the prompt and the half-typed line, prints, and draws them again, so
 * an incoming message never garbles what is being typed), and questions asked on the input thread.
 */
final class Screen {
    private final LineReader reader;

    Screen(LineReader reader) {
        this.reader = reader;
    }

    /** Prints a line (or several); safe from any thread. */
    void println(String text) {
        reader.printAbove(text);
    }

    /** Something the console itself says: a state change, a confirmation. */
    void notice(String text) {
        println("* " + text);
    }

    /** Something that did not work, and what to do about it. */
    void error(String text) {
        println("! " + text);
    }

    /** The next line of input; throws JLine's EndOfFileException at the end of input (Ctrl-D). */
    String readLine(String prompt) {
        return reader.readLine(prompt);
    }

    /** A one-off question; the answer stays out of the input history. */
    String ask(String prompt) {
        return askRaw(prompt).strip();
    }

    private String askRaw(String prompt) {
        Object before = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            return reader.readLine(prompt);
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, before == null ? false : before);
        }
    }

    /**
     * A secret such as a password, never shown. On a real terminal JLine shows each key as {@code *} (and keeps
     * masked lines out of history). A dumb terminal cannot hide keys that way (JLine's fallback, a thread
     * redrawing the prompt every 3 ms, floods the output), so there the line is read without any display:
     * through {@link System#console()}, which turns the echo off, if the terminal is this process's own
     * console, else straight from the terminal's input, which nobody echoes.
     */
    String askSecret(String prompt) {
        Terminal terminal = reader.getTerminal();
        String type = terminal.getType();
        if (!Terminal.TYPE_DUMB.equals(type) && !Terminal.TYPE_DUMB_COLOR.equals(type)) {
            return reader.readLine(prompt, '*');
        }
        Console console = System.console();
        if (console != null && terminal instanceof TerminalExt ext && ext.getSystemStream() != null) {
            char[] secret = console.readPassword("%s", prompt);
            if (secret == null) {
                throw new EndOfFileException();
            }
            return new String(secret);
        }
        return readUnechoed(terminal, prompt);
    }

    private static String readUnechoed(Terminal terminal, String prompt) {
        terminal.writer().print(prompt);
        terminal.flush();
        StringBuilder line = new StringBuilder();
        try {
            for (int c = terminal.reader().read(); c != '\n' && c != '\r'; c = terminal.reader().read()) {
                if (c < 0) {
                    throw new EndOfFileException();
                }
                if (c == 127 || c == '\b') {
                    line.setLength(Math.max(0, line.length() - 1));
                } else {
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            throw new EndOfFileException(e);
        }
        terminal.writer().println();
        terminal.flush();
        return line.toString();
    }
}
