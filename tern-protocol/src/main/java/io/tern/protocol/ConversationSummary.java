package io.tern.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a device lacks in one conversation: {@code count} messages totalling {@code bytes} of content after
 * {@code afterSeq}, up to {@code lastSeq}; {@code last} is the newest of them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationSummary(String conversationId, long afterSeq, long lastSeq, long count, long bytes,
                                  ChatPush last) {
}
