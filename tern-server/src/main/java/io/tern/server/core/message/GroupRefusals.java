package io.tern.server.core.message;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.message.Appended.Outcome;

/** The errors of the group rules added for running a group (dissolve, bans, admins-only, invite links). */
final class GroupRefusals {
    private GroupRefusals() {
    }

    static TernException of(Outcome outcome, String conversationId) {
        return switch (outcome) {
            case GROUP_DISSOLVED -> new TernException(ErrorCode.GROUP_DISSOLVED,
                    conversationId + " was dissolved by its owner; its history stays readable");
            case BANNED -> new TernException(ErrorCode.BANNED,
                    "the user is banned from " + conversationId + "; an admin must unban them first");
            case ADMINS_ONLY -> new TernException(ErrorCode.ADMINS_ONLY,
                    "only admins and the owner may post in " + conversationId);
            case NO_SUCH_INVITE -> new TernException(ErrorCode.NO_SUCH_INVITE, "no such invite link, or it was revoked");
            case INVITE_EXPIRED -> new TernException(ErrorCode.INVITE_EXPIRED, "the invite link has expired");
            case INVITE_EXHAUSTED -> new TernException(ErrorCode.INVITE_EXHAUSTED,
                    "the invite link was used as many times as it allows");
            default -> throw new IllegalArgumentException(outcome.name());
        };
    }
}
