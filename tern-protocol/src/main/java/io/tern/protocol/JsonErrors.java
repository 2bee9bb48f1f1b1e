package io.tern.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Turns a parser failure into a sentence for the client. Jackson's own messages name its classes, token
 * enums and limits settings: they change between versions and tell an attacker which parser runs, so
 * clients only get where the JSON broke.
 */
final class JsonErrors {
    private JsonErrors() {
    }

    static String describe(Exception e) {
        if (e instanceof StreamConstraintsException) {
            return "malformed JSON: too deeply nested, or a number or string too long";
        }
        if (e instanceof JsonEOFException) {
            return "malformed JSON: the text ends in the middle of a value";
        }
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation at = jpe.getLocation();
            if (at != null && at.getLineNr() > 0) {
                return "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
            }
        }
        return "malformed JSON";
    }
}
