package io.rulescope.dialect;

import java.util.List;
import java.util.Optional;

import io.rulescope.dialect.elastic.ElasticDialect;
import io.rulescope.dialect.kql.KqlDialect;
import io.rulescope.dialect.sigma.SigmaDialect;
import io.rulescope.dialect.spl.SplDialect;
import io.rulescope.rule.Rule;

/** Every rule language Rulescope reads. A new language is its folder and one line here. */
public final class Dialects {

    private static final List<Dialect> ALL = List.of(
            new SplDialect(),
            new SigmaDialect(),
            new KqlDialect(),
            new ElasticDialect());

    private Dialects() {
    }

    public static List<Dialect> all() {
        return ALL;
    }

    /** The dialect that maps documents of this layout, if one does (the generic layout belongs to none). */
    public static Optional<Dialect> forFormat(io.rulescope.rule.RuleFormat format) {
        for (Dialect dialect : ALL) {
            if (dialect.formats().contains(format)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }

    /** The dialect that reads this rule's query, if any does. */
    public static Optional<Dialect> of(Rule rule) {
        for (Dialect dialect : ALL) {
            if (dialect.reads(rule)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }
}
