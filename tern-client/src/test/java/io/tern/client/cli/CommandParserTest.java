package io.tern.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandParserTest {
    @Test
    void commandsAreSplitIntoNameAndArgsAndTheNameIsCaseInsensitive() {
        assertThat(CommandParser.parse(":olu")).isEqualTo(new Invocation(":olu", ""));
        assertThat(CommandParser.parse("  :OPEN   bob  ")).isEqualTo(new Invocation(":open", "bob"));
        assertThat(CommandParser.parse(":create --open team bob carol"))
                .isEqualTo(new Invocation(":create", "--open team bob carol"));
        assertThat(CommandParser.parse(":q!")).isEqualTo(new Invocation(":q!", ""));
    }

    @Test
    void privateMessagesByNameAndByCimStyleUserId() {
        assertThat(CommandParser.parse("@bob hello there")).isEqualTo(new Invocation(Invocation.AT, "bob hello there"));
        assertThat(CommandParser.parse("12;;hello;; there")).isEqualTo(new Invocation(Invocation.BY_ID, "12 hello;; there"));
        assertThat(CommandParser.parse("12;; spaced")).isEqualTo(new Invocation(Invocation.BY_ID, "12 spaced"));
    }

    @Test
    void anythingElseIsTextAndADoubleColonEscapesALeadingColon() {
        assertThat(CommandParser.parse("hello :olu")).isEqualTo(new Invocation(Invocation.TEXT, "hello :olu"));
        assertThat(CommandParser.parse("bob;;not an id")).isEqualTo(new Invocation(Invocation.TEXT, "bob;;not an id"));
        assertThat(CommandParser.parse("::-)")).isEqualTo(new Invocation(Invocation.TEXT, ":-)"));
        assertThat(CommandParser.parse("it's \"quoted\" \\ and !!"))
                .isEqualTo(new Invocation(Invocation.TEXT, "it's \"quoted\" \\ and !!"));
    }

    @Test
    void blankLinesAreNothing() {
        assertThat(CommandParser.parse("")).isNull();
        assertThat(CommandParser.parse("   \t ")).isNull();
    }

    @Test
    void argsSplitIntoHeadAndRestOrWords() {
        assertThat(CommandParser.head("bob  hello  there")).containsExactly("bob", "hello  there");
        assertThat(CommandParser.head("bob")).containsExactly("bob", "");
        assertThat(CommandParser.words("  #team   20 ")).containsExactly("#team", "20");
        assertThat(CommandParser.words("   ")).isEmpty();
    }
}
