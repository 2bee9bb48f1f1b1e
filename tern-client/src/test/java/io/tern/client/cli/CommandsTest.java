package io.tern.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {
    private final Commands commands = Commands.standard();

    @Test
    void everyCommandOfTheIssueIsInTheTable() {
        assertThat(commands.commandNames()).contains(":all", ":help", ":olu", ":q!", ":q", ":open", ":groups",
                ":create", ":join", ":history", ":unread", ":read");
        assertThat(commands.find(Invocation.AT)).isPresent();
        assertThat(commands.find(Invocation.BY_ID)).isPresent();
        assertThat(commands.find(Invocation.TEXT)).isPresent();
        assertThat(commands.find(":all")).isEqualTo(commands.find(":help"));
    }

    @Test
    void everyCommandIsListedByHelpWithItsUsage() {
        String help = Formatter.help(commands.all());
        for (Command c : commands.all()) {
            assertThat(help).contains(c.usage() + " ").contains(c.summary());
        }
    }

    @Test
    void anUnknownCommandSuggestsTheClosestOne() {
        assertThat(commands.unknown(":olx")).isEqualTo("unknown command :olx (did you mean :olu?); :help lists the commands");
        assertThat(commands.unknown(":hist")).contains("did you mean :history?");
        assertThat(commands.unknown(":xyzzy")).isEqualTo("unknown command :xyzzy; :help lists the commands");
    }

    @Test
    void twoCommandsCannotShareAName() {
        Commands table = new Commands();
        table.add(new QuitCommand(false));

        assertThatThrownBy(() -> table.add(new QuitCommand(false))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void editDistance() {
        assertThat(Commands.distance(":olu", ":olu")).isZero();
        assertThat(Commands.distance(":olu", ":oul")).isEqualTo(2);
        assertThat(Commands.distance("", ":q")).isEqualTo(2);
        assertThat(List.of(Commands.distance(":join", ":jion"), Commands.distance(":read", ":red"))).containsExactly(2, 1);
    }

    @Test
    void idsAreReadWithAMessageNotAnException() {
        assertThat(Ids.parse("#12", "group id")).isEqualTo(12);
        assertThatThrownBy(() -> Ids.parse("abc", "group id")).isInstanceOf(CommandException.class)
                .hasMessage("'abc' is not a group id");
        assertThatThrownBy(() -> Ids.parse("99999999999999999999", "user id")).isInstanceOf(CommandException.class);
        assertThat(Ids.isNumber("12")).isTrue();
        assertThat(Ids.isNumber("99999999999999999999")).isFalse();
    }
}
