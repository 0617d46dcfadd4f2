package io.rulescope.search;

import java.util.List;
import java.util.Optional;

/**
 * The rules of the collections users keep, for {@code collection:"name"} searches. Membership changes while a catalog
 * serves, so answers cached for such a search are keyed on each named collection's version ({@link #stamp}).
 */
public interface Memberships {

    Memberships NONE = new Memberships() {
        @Override
        public Optional<Membership> named(String name) {
            return Optional.empty();
        }

        @Override
        public String stamp(String name) {
            return "";
        }
    };

    /** One member: the rule id in its source. */
    record Member(String source, String ruleId) {
    }

    record Membership(String name, long version, List<Member> members) {
    }

    /** The collection of that name (in any case), or empty when there is none. */
    Optional<Membership> named(String name);

    /** Changes whenever the named collection's members change, or it comes or goes. */
    String stamp(String name);
}
