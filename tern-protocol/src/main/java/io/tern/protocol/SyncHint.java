package io.tern.protocol;

/** SYNC_HINT (104), server to client: pushes may have been missed; send SYNC with your cursors. */
public record SyncHint() implements Frame {
    @Override
    public int type() {
        return FrameType.SYNC_HINT;
    }
}
