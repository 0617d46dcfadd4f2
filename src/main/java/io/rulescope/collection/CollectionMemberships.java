package io.rulescope.collection;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.rulescope.search.Memberships;

/** Collections as the search language sees them ({@code collection:"name"}), read from the database each time. */
@Component
@Transactional(readOnly = true)
class CollectionMemberships implements Memberships {

    private final RuleCollectionRepository collections;
    private final CollectionMemberRepository members;

    CollectionMemberships(RuleCollectionRepository collections, CollectionMemberRepository members) {
        this.collections = collections;
        this.members = members;
    }

    @Override
    public Optional<Membership> named(String name) {
        return collections.findByNameKey(RuleCollection.keyOf(name)).map(c -> new Membership(c.getName(), c.getVersion(),
                members.inCollection(c.getId()).stream().map(m -> new Member(m.getSource(), m.getRuleId())).toList()));
    }

    @Override
    public String stamp(String name) {
        return collections.findByNameKey(RuleCollection.keyOf(name)).map(c -> c.getId() + "." + c.getVersion()).orElse("none");
    }
}
