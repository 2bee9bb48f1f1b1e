package io.tern.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code :save-file MEDIA_ID [path]}: downloads what a message references (the id its line shows). */
final class SaveFileCommand implements Command {
    @Override
    public java.util.List<String> names() {
        return java.util.List.of(":save-file");
    }

    @Override
    public String usage() {
        return ":save-file <mediaId> [path]";
    }

    @Override
    public String summary() {
        return "download an image or file of a message (default: ./<mediaId>)";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] words = CommandParser.words(args);
        if (words.length < 1 || words.length > 2) {
            throw CommandException.usage(this);
        }
        Path target = Path.of(words.length == 2 ? words[1] : words[0]);
        if (Files.isDirectory(target)) {
            target = target.resolve(words[0]);
        }
        Path saved = Await.result(chat.client().media().download(words[0], false, target));
        chat.screen().notice("saved " + saved.toAbsolutePath());
    }
}
