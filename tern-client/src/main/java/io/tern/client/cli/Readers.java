package io.tern.client.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Widget;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

/** Builds the JLine line reader the way a chat needs it, which differs from a shell's defaults. */
final class Readers {
    private Readers() {
    }

    static LineReader build(Terminal terminal, TernCompleter completer, Path historyFile) {
        // A shell parser treats quotes and backslashes specially: "don't" would wait for a closing quote and
        // "a\b" would lose its backslash. Messages are taken literally; words split at spaces only.
        DefaultParser parser = new DefaultParser();
        parser.setQuoteChars(new char[0]);
        parser.setEscapeChars(new char[0]);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("tern")
                .parser(parser)
                .completer(completer)
                // "hi!!" must stay "hi!!", not become the previous line.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .option(LineReader.Option.INSERT_TAB, false)
                .variable(LineReader.HISTORY_SIZE, 1_000);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        return builder.build();
    }

    /**
     * Calls {@code onKey} with the line typed so far on every printable key, then inserts the key as usual:
     * the hook for typing notices.
     */
    static void onTyping(LineReader reader, Consumer<String> onKey) {
        Widget insert = reader.getWidgets().get(LineReader.SELF_INSERT);
        reader.getWidgets().put(LineReader.SELF_INSERT, () -> {
            onKey.accept(reader.getBuffer().toString());
            return insert.apply();
        });
    }
}
