package io.rulescope.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.attack.Tactic;
import io.rulescope.attack.Technique;

/**
 * Reads a parsed search the way its user meant it, before it becomes a Lucene query, and says so where that differs
 * from the literal grammar: a search of only exclusions ({@code -enc}) is the text itself, and the name of an ATT&CK
 * technique or tactic ("OS Credential Dumping") also finds the rules mapped to it.
 *
 * @param notes what the page says about how the search was read
 */
record SearchReading(SearchNode node, List<String> notes) {

    static SearchReading of(String q, SearchNode parsed, AttackCatalog attack) {
        List<String> notes = new ArrayList<>();
        if (onlyExclusions(parsed)) {
            String text = q.strip();
            notes.add("Searched for the text \u201c" + text + "\u201d: a search made only of exclusions would match nearly every rule.");
            return new SearchReading(new SearchNode.Phrase(text, 0), List.copyOf(notes));
        }
        String words = plainWords(parsed);
        if (words != null) {
            Optional<Technique> technique = attack.techniqueNamed(words);
            if (technique.isPresent()) {
                notes.add("Also finds the rules mapped to " + technique.get().id() + " " + attack.displayName(technique.get()) + ".");
                return new SearchReading(new SearchNode.Or(List.of(parsed,
                        new SearchNode.Field("technique", ":", technique.get().id(), false, 0))), List.copyOf(notes));
            }
            Optional<Tactic> tactic = attack.tactic(words).filter(t -> t.name().equalsIgnoreCase(words));
            if (tactic.isPresent()) {
                notes.add("Also finds the rules of the tactic " + tactic.get().name() + ".");
                return new SearchReading(new SearchNode.Or(List.of(parsed,
                        new SearchNode.Field("tactic", ":", tactic.get().shortName(), false, 0))), List.copyOf(notes));
            }
        }
        return new SearchReading(parsed, List.of());
    }

    /**
     * Only excluded words ({@code -enc}, {@code -enc -nop}): almost surely text that starts with a dash. Excluded
     * filters ({@code -platform:Sigma}) mean what they say.
     */
    private static boolean onlyExclusions(SearchNode node) {
        return isExcludedText(node)
                || node instanceof SearchNode.And and && and.parts().stream().allMatch(SearchReading::isExcludedText);
    }

    private static boolean isExcludedText(SearchNode node) {
        return node instanceof SearchNode.Not not && (not.inner() instanceof SearchNode.Word || not.inner() instanceof SearchNode.Phrase);
    }

    /** The search as plain words when it is nothing but words or one phrase ("OS Credential Dumping"); else null. */
    private static String plainWords(SearchNode node) {
        if (node instanceof SearchNode.Phrase p) {
            return p.text().strip();
        }
        if (node instanceof SearchNode.Word w && !w.text().contains("*")) {
            return w.text();
        }
        if (node instanceof SearchNode.And and && and.parts().stream().allMatch(p -> p instanceof SearchNode.Word w && !w.text().contains("*"))) {
            return and.parts().stream().map(p -> ((SearchNode.Word) p).text()).collect(Collectors.joining(" "));
        }
        return null;
    }
}
