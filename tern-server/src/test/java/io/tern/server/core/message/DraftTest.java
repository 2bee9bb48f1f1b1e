package io.tern.server.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The search text a draft brings to the writer, worked out where the draft is made. */
class DraftTest {

    @Test
    void textDraft_carriesItsBodyAsSearchText() {
        Draft d = Draft.direct(1, "c1", 2, "{\"contentType\":1,\"body\":\"hello 你好\"}");
        assertThat(d.searchText()).isEqualTo("hello 你好");
        assertThat(d.asControl().searchText()).isEqualTo("hello 你好");
    }

    @Test
    void mediaDraft_carriesItsCaption_andCustomDataNothing() {
        assertThat(Draft.group(1, "c1", 7, "{\"contentType\":2,\"mediaId\":\"m\",\"caption\":\"sunset\"}").searchText())
                .isEqualTo("sunset");
        assertThat(Draft.direct(1, "c2", 2, "{\"contentType\":7,\"data\":{}}").searchText()).isNull();
    }

    @Test
    void editEvent_carriesNoSearchTextOfItsOwn() {
        Draft edit = Draft.direct(1, "c3", 2, "{\"contentType\":20,\"target\":\"x\",\"body\":\"new\"}");
        assertThat(edit.searchText()).isNull();
    }
}
