package io.rulescope.match;

import io.rulescope.rule.Rule;
import java.util.List;
import java.util.Map;

/**
 * What one event does to the catalog: the rules that fire (with the predicates that matched), the rules that nearly
 * fire (and what they miss), and what was evaluated.
 */
public record MatchResult(LoggedEvent event, List<Fired> fires, List<Near> near, Summary summary) {

    /** Only the rules of a search (a team's collection): the others' fires and near misses are left out. */
    public MatchResult within(java.util.Set<String> uids) {
        return new MatchResult(event, fires.stream().filter(f -> uids.contains(f.rule().getUid())).toList(),
                near.stream().filter(n -> uids.contains(n.rule().getUid())).toList(), summary);
    }

    /** @param evaluation {@code full}, or {@code first-stage} when later stages were not evaluated */
    public record Fired(Rule rule, String evaluation, List<Hit> matched, List<String> notes) {
    }

    /** @param reason why it does not fire when its detection matches (a different log source), else null */
    public record Near(Rule rule, int matchedPredicates, int totalPredicates, List<String> missing, String reason) {
    }

    /**
     * @param evaluated rules whose log source fits the event's and which could be evaluated
     * @param notEvaluated rules that cannot be evaluated on one event, counted by reason
     * @param cut true when the time budget ran out before every rule was looked at
     */
    public record Summary(int evaluated, Map<String, Integer> evaluatedByPlatform, Map<String, Integer> notEvaluated,
            String logsource, boolean cut, long tookMicros) {
    }
}
