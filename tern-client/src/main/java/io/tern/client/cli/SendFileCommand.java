package io.tern.client.cli;

import io.tern.client.Uploaded;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code :send-file PATH [caption]}: uploads a file and sends it to the open conversation, as an image message
 * when the server found a picture in it, else as a file message.
 */
final class SendFileCommand implements Command {
    @Override
    public java.util.List<String> names() {
        return java.util.List.of(":send-file");
    }

    @Override
    public String usage() {
        return ":send-file <path> [caption]";
    }

    @Override
    public String summary() {
        return "upload a file or picture and send it to the open conversation";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] parts = args.strip().split("\\s+", 2);
        if (parts[0].isEmpty()) {
            throw CommandException.usage(this);
        }
        Target open = chat.open();
        if (open == null) {
            throw new CommandException("no conversation is open: ':open <user|#group>' first");
        }
        Path file = Path.of(parts[0]);
        if (!Files.isRegularFile(file)) {
            throw new CommandException("no file " + file);
        }
        Uploaded up = Await.result(chat.client().media().upload(file, null));
        com.fasterxml.jackson.databind.node.ObjectNode content =
                ((com.fasterxml.jackson.databind.node.ObjectNode) up.content().tree()).deepCopy();
        if (parts.length > 1) {
            content.put("caption", parts[1]);
        }
        chat.screen().notice("uploaded " + up.name() + " (" + up.mime() + ", " + up.size() + " bytes)");
        chat.sendContent(open, new io.tern.protocol.RawJson(content.toString()));
    }
}
