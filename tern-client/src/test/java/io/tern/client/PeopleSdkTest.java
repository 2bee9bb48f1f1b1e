package io.tern.client;

import static io.tern.client.LocalServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's people and search calls against a real server: directory, profile, search, blocks, contacts, privacy. */
class PeopleSdkTest {
    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LocalServer(Files.createTempDirectory("tern-people-"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void findsUsersAndMessages_blocksAndUnblocks_andManagesContactsAndPrivacy() {
        TernClient ann = server.registered("ann", new Inbox());
        TernClient bob = server.registered("bob", new Inbox());
        await(bob.directory().updateProfile("Bob 王", null));
        UserPage page = await(ann.directory().findUsers("B", null, 10));
        assertThat(page.users()).extracting(UserProfile::username).containsExactly("bob");
        assertThat(page.users().get(0).displayName()).isEqualTo("Bob 王");

        await(ann.send(bob.userId(), "今天天气很好"));
        SearchResults found = await(bob.directory().searchMessages("天气", null, null, 10));
        assertThat(found.hits()).hasSize(1);
        assertThat(found.hits().get(0).highlights()).containsExactly(new FoundMessage.Highlight(2, 4));
        assertThat(found.nextBefore()).isNull();

        await(bob.directory().block(ann.userId()));
        assertThat(await(bob.directory().blocked())).containsExactly(ann.userId());
        assertThatThrownBy(() -> await(ann.send(bob.userId(), "hello?"))).cause()
                .isInstanceOfSatisfying(TernClientException.class, e -> assertThat(e.error()).isEqualTo("RECIPIENT_REFUSED"));
        await(bob.directory().unblock(ann.userId()));

        assertThat(await(ann.directory().requestContact(bob.userId()))).isEqualTo("pending");
        assertThat(await(bob.directory().contacts()).incoming()).containsExactly(ann.userId());
        await(bob.directory().answerContact(ann.userId(), true));
        Contacts anns = await(ann.directory().contacts());
        assertThat(anns.contacts()).extracting(UserInfo::username).containsExactly("bob");
        assertThat(anns.contacts().get(0).online()).isTrue();
        await(bob.directory().setPrivacy("nobody", null));
        assertThat(await(ann.directory().contacts()).contacts().get(0).online()).isFalse();
    }

    @Test
    void presenceIsPushedToAChatPartner_andStopsWhenTheyHideIt() {
        Activities annSees = new Activities();
        TernClient ann = server.client("ann", new Inbox(), b -> b.activityListener(annSees));
        await(ann.register());
        await(ann.connect());
        long bobId = server.register("bob");
        await(ann.send(bobId, "hi"));
        TernClient bob = server.client("bob", new Inbox(), b -> b);
        await(bob.connect());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> annSees.presence().contains(new Activities.Presence(bobId, true)));
        await(bob.directory().setPrivacy("nobody", null));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> annSees.presence().contains(new Activities.Presence(bobId, false)));
    }
}
