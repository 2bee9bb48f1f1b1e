package io.tern.server.core.account;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The key two usernames share when people would read them as the same name: case-folded, leading and
 * trailing separators dropped, and reduced to its Unicode TR39 confusable skeleton (ICU's SpoofChecker),
 * so {@code Alice}, {@code ALICE}, {@code a1ice} and {@code alice.} all have the key of {@code alice}. One
 * account per key; reserved names are compared by key too. Case is folded before the skeleton, so a capital
 * {@code I} counts as {@code i}, not as {@code l}.
 */
public final class UsernameKeys {
    private static final Pattern EDGE_SEPARATORS = Pattern.compile("^[._-]+|[._-]+$");
    /** Names that are paths of the API ({@code /api/users/online}) or would mislead other users. */
    private static final Set<String> RESERVED = Set.of("online", "admin", "administrator", "root", "system", "tern",
            "support", "moderator", "security", "official", "me");

    private final Normalizer2 nfkcCasefold = Normalizer2.getNFKCCasefoldInstance();
    private final SpoofChecker spoof = new SpoofChecker.Builder().build();
    private final Set<String> reservedKeys;

    public UsernameKeys() {
        this.reservedKeys = RESERVED.stream().map(this::keyOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public String keyOf(String username) {
        String folded = EDGE_SEPARATORS.matcher(nfkcCasefold.normalize(username)).replaceAll("");
        return spoof.getSkeleton(folded).toLowerCase(Locale.ROOT);
    }

    public boolean reserved(String username) {
        return reservedKeys.contains(keyOf(username));
    }
}
