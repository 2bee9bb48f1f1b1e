package io.tern.client.cli;

/**
 * One line of input, split into the key that picks the command and the rest. Keys are a command name such
 * as {@code :olu}, or one of the keys of the input forms that are not named commands.
 */
record Invocation(String key, String args) {
    /** {@code @bob hello}: a private message by username; args {@code bob hello}. */
    static final String AT = "@";
    /** {@code 12;;hello} (CIM): a private message by user id; args {@code 12 hello}. */
    static final String BY_ID = ";;";
    /** Anything else: text for the open conversation; args is the text. */
    static final String TEXT = "";
}
