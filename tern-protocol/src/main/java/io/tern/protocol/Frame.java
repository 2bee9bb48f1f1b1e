package io.tern.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A protocol frame: a JSON object with a numeric {@code type}. */
public interface Frame {
    /** The frame type code, written as the JSON field {@code type}. */
    @JsonProperty("type")
    int type();
}
