package io.tern.client.cli;

/** A command cannot be carried out for a reason the user can fix; the message says how. */
final class CommandException extends RuntimeException {
    CommandException(String message) {
        super(message);
    }

    static CommandException usage(Command command) {
        return new CommandException("usage: " + command.usage() + " — " + command.summary());
    }
}
