package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import io.rulescope.SharedCatalogs;
import io.rulescope.SharedData;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.rule.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The prefilter may only save work, never change an answer: over the whole shared corpus, every regression event and
 * an event built from each of a thousand rules (so it fires that rule and often others) get the same rules from the
 * prefiltered path as from evaluating every rule.
 */
@EnabledIf(value = "io.rulescope.SharedData#corpusPresent", disabledReason = SharedData.MISSING)
class PrefilterTest {

    static Catalog catalog;
    static EventReader reader;

    @BeforeAll
    static void load() {
        catalog = SharedCatalogs.escuAndSigma();
        reader = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());
    }

    @Test
    void thePrefilterNeverDropsAMatchOnTheRegressionEvents() throws IOException {
        int events = 0;
        int fires = 0;
        for (SigmaRegressionTest.Case c : SigmaRegressionTest.cases()) {
            for (LoggedEvent event : reader.readAll(Files.readString(c.json()))) {
                List<Rule> all = catalog.matcher().firesWithoutPrefilter(event);
                assertThat(catalog.matcher().fires(event)).as(c.json().toString()).containsExactlyElementsOf(all);
                events++;
                fires += all.size();
            }
        }
        System.out.printf("prefilter check: %d regression events, %d fires, identical with and without the prefilter%n", events, fires);
        assertThat(events).isGreaterThan(96);
    }

    @Test
    void thePrefilterNeverDropsAMatchOnEventsBuiltFromTheRulesThemselves() {
        EventMatcher matcher = catalog.matcher();
        int built = 0;
        int firedOwn = 0;
        for (int i = 0; i < matcher.size(); i += 5) {
            LoggedEvent event = EventBuilder.from(matcher, i);
            if (event == null) {
                continue;
            }
            List<Rule> all = matcher.firesWithoutPrefilter(event);
            assertThat(matcher.fires(event)).as("event built from %s", matcher.rule(i).getTitle()).containsExactlyElementsOf(all);
            built++;
            firedOwn += all.contains(matcher.rule(i)) ? 1 : 0;
        }
        System.out.printf("prefilter check: %d events built from rules, %d fire the rule they came from%n", built, firedOwn);
        assertThat(built).isGreaterThan(500);
        assertThat(firedOwn).as("the builder makes events that really fire their rule").isGreaterThan(built / 2);
    }

    @Test
    void whatIsReadOffEachRegexNeverTurnsAwayATextItMatches() throws IOException {
        List<Leaf.Regex> regexes = new ArrayList<>();
        EventMatcher matcher = catalog.matcher();
        for (int i = 0; i < matcher.size(); i++) {
            if (matcher.program(i).evaluable()) {
                collectRegexes(matcher.program(i).root(), regexes);
            }
        }
        List<EventFields.Value> values = new ArrayList<>();
        for (SigmaRegressionTest.Case c : SigmaRegressionTest.cases()) {
            for (LoggedEvent event : reader.readAll(Files.readString(c.json()))) {
                values.addAll(EventFields.of(event, io.rulescope.query.FieldTaxonomy.NONE).all());
            }
        }
        java.util.Random random = new java.util.Random(42);
        int matches = 0;
        int turnedAway = 0;
        for (Leaf.Regex regex : regexes) {
            List<String> texts = new ArrayList<>(values.stream().map(EventFields.Value::text).toList());
            try {
                var generator = com.github.curiousoddman.rgxgen.RgxGen.parse(regex.value);
                for (int n = 0; n < 20; n++) {
                    texts.add(generator.generate(random));
                }
            } catch (RuntimeException notSupportedByTheGenerator) {
                // the regression values still apply
            }
            for (String text : texts) {
                String lower = text.toLowerCase(java.util.Locale.ROOT);
                boolean admitted = regex.facts().admits(text, lower);
                if (regex.engineFinds(text)) {
                    assertThat(admitted).as("%s turned away %s, which it matches", regex.value, text).isTrue();
                    matches++;
                } else if (!admitted) {
                    turnedAway++;
                }
            }
        }
        assertThat(turnedAway).as("the checks spare the engine").isPositive();
        System.out.printf("regex checks: %d regexes, %d matching texts all admitted, %d other texts turned away without the engine%n",
                regexes.size(), matches, turnedAway);
        assertThat(regexes).hasSizeGreaterThan(100);
        assertThat(matches).as("enough texts match to make the check mean something").isGreaterThan(regexes.size() * 5);
    }

    private static void collectRegexes(Node node, List<Leaf.Regex> out) {
        if (node instanceof Node.Named n) {
            collectRegexes(n.inner(), out);
        } else if (node instanceof Node.Not n) {
            collectRegexes(n.inner(), out);
        } else if (node instanceof Node.And and) {
            and.parts().forEach(p -> collectRegexes(p, out));
        } else if (node instanceof Node.Or or) {
            or.parts().forEach(p -> collectRegexes(p, out));
        } else if (node instanceof Leaf.Regex regex) {
            out.add(regex);
        }
    }

    /** Builds an event that satisfies a rule's positive predicates (one branch of each OR), with the rule's log source. */
    static final class EventBuilder {

        static LoggedEvent from(EventMatcher matcher, int position) {
            Program p = matcher.program(position);
            if (!p.evaluable()) {
                return null;
            }
            List<LoggedEvent.Field> fields = new ArrayList<>();
            walk(p.root(), fields, position);
            if (fields.isEmpty()) {
                return null;
            }
            Rule r = p.rule();
            EventSource source = "sigma".equals(r.getLanguage()) && (r.getLogsourceProduct() != null || r.getLogsourceCategory() != null)
                    ? new EventSource(lower(r.getLogsourceProduct()), lower(r.getLogsourceService()),
                            r.getLogsourceCategory() == null ? List.of() : List.of(lower(r.getLogsourceCategory())), null, null, null)
                    : EventSource.UNKNOWN;
            return new LoggedEvent("built", fields, source, List.of());
        }

        private static String lower(String s) {
            return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
        }

        private static void walk(Node node, List<LoggedEvent.Field> out, int seed) {
            if (node instanceof Node.Named n) {
                walk(n.inner(), out, seed);
            } else if (node instanceof Node.And and) {
                and.parts().forEach(part -> walk(part, out, seed));
            } else if (node instanceof Node.Or or && !or.parts().isEmpty()) {
                walk(or.parts().get(seed % or.parts().size()), out, seed);
            } else if (node instanceof Leaf.Text text) {
                out.add(new LoggedEvent.Field(text.field, text.patterns().get(0).sample()));
            } else if (node instanceof Leaf.Keyword keyword) {
                out.add(new LoggedEvent.Field("Message", keyword.patterns().get(0).sample()));
            } else if (node instanceof Leaf.Exists exists) {
                out.add(new LoggedEvent.Field(exists.field, "1"));
            } else if (node instanceof Leaf.Compare compare) {
                out.add(new LoggedEvent.Field(compare.field, compare.value));
            }
        }
    }

}
