package io.tern.server.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenHashTest {
    @Test
    void hex_roundTrips_asTheStoreKeepsIt() {
        String stored = Tokens.hash("a login token");
        TokenHash compact = TokenHash.ofHex(stored);
        assertThat(compact.hex()).isEqualTo(stored);
        assertThat(new Principal(7, "phone", stored).tokenHash()).isEqualTo(stored);
    }

    @Test
    void upperCaseHex_isTheSameHash_andReadsBackLowerCase() {
        String stored = Tokens.hash("another token");
        assertThat(TokenHash.ofHex(stored.toUpperCase())).isEqualTo(TokenHash.ofHex(stored));
        assertThat(TokenHash.ofHex(stored.toUpperCase()).hex()).isEqualTo(stored);
    }

    @Test
    void aDigitChangedInAnyQuarter_isAnotherHash() {
        String zeros = "0".repeat(64);
        for (int i = 0; i < 64; i += 16) {
            String one = zeros.substring(0, i + 15) + "1" + zeros.substring(i + 16);
            assertThat(TokenHash.ofHex(one)).isNotEqualTo(TokenHash.ofHex(zeros));
            assertThat(TokenHash.ofHex(one).hex()).isEqualTo(one);
        }
    }

    @Test
    void notASha256InHex_isRefused() {
        assertThatThrownBy(() -> TokenHash.ofHex("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenHash.ofHex("g".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenHash.ofHex(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
